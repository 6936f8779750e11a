using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// The OpenAPI 3.1 document of the HTTP contract, generated from the functions themselves: each <c>[HttpTrigger]</c>'s
/// route and methods, its route parameters, the <c>[FromBody]</c> (or <c>[ReadsJsonBody]</c>) body, who may call it, and
/// the answers its typed result (<c>Results&lt;Ok&lt;T&gt;, …, ApiError&gt;</c>) can give, with JSON schemas in the
/// contract's serialization (camelCase, snake_case enums). So it cannot drift from the code; API.md stays the prose.
/// </summary>
public static class OpenApiDocument
{
    private static readonly JsonSchemaExporterOptions SchemaOptions = new() { TreatNullObliviousAsNonNullable = true };

    public static JsonObject Build(FunctionCatalogue catalogue, HostJson hostJson, JsonSerializerOptions json)
    {
        var schemas = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var paths = new JsonObject();
        foreach (var function in catalogue.Http.OrderBy(f => ((FunctionTrigger.Http)f.Trigger).Route, StringComparer.Ordinal))
        {
            var trigger = (FunctionTrigger.Http)function.Trigger;
            var path = "/" + hostJson.PathOf(trigger.Route);
            var item = paths[path] as JsonObject ?? new JsonObject();
            paths[path] = item;
            foreach (var method in trigger.Methods)
            {
                item[method.ToLowerInvariant()] = Operation(function, trigger, schemas, json);
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "AccountAccess",
                ["version"] = "v1",
                ["description"] = "Account access of a multi-tenant SaaS: sign-in, lockout, passwords, two-factor, billing, welcome kits and the support diagnosis. Errors: {\"error\":{\"code\",\"message\",\"details\"}}.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = new JsonObject(schemas.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
                ["securitySchemes"] = new JsonObject
                {
                    ["operatorKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "X-Operator-Key" },
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
                },
            },
        };
    }

    private static JsonObject Operation(FunctionEntry function, FunctionTrigger.Http trigger, IDictionary<string, JsonNode> schemas, JsonSerializerOptions json)
    {
        var operation = new JsonObject
        {
            ["operationId"] = function.Name,
            ["tags"] = new JsonArray(function.Method.DeclaringType!.Name.Replace("Functions", string.Empty, StringComparison.Ordinal)),
        };

        var parameters = new JsonArray();
        foreach (var name in RouteParameters(trigger.Route))
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        if (function.Http.Body is { } body)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = !body.Optional,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Reference(body.Type, schemas, json) } },
            };
        }

        operation["security"] = function.Http.Callers switch
        {
            CallerRequirement.Operator => new JsonArray(new JsonObject { ["operatorKey"] = new JsonArray() }),
            CallerRequirement.OperatorOrSignedInUser => new JsonArray(new JsonObject { ["operatorKey"] = new JsonArray() }, new JsonObject { ["bearer"] = new JsonArray() }),
            _ => new JsonArray(),
        };

        var responses = new JsonObject();
        foreach (var answer in Answers(function.Method.ReturnType).GroupBy(a => a.Status))
        {
            var bodies = answer.Select(a => a.Body).OfType<Type>().ToList();
            var response = new JsonObject { ["description"] = answer.Key == "default" ? "An error of API.md (the status of its code)" : "Success" };
            if (bodies.Count > 0)
            {
                // The login result has several 200 shapes: one of them.
                var schema = bodies.Count == 1 ? Reference(bodies[0], schemas, json) : new JsonObject { ["oneOf"] = new JsonArray(bodies.Select(b => Reference(b, schemas, json)).ToArray()) };
                response["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } };
            }

            responses[answer.Key] = response;
        }

        operation["responses"] = responses;
        return operation;
    }

    /// <summary>The answers a typed result can give: its status (or <c>default</c> for errors) and body type.</summary>
    private static IEnumerable<(string Status, Type? Body)> Answers(Type returnType)
    {
        var type = returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>) ? returnType.GetGenericArguments()[0] : returnType;
        var cases = type.IsGenericType && type.Namespace == typeof(Results<,>).Namespace && type.Name.StartsWith("Results`", StringComparison.Ordinal)
            ? type.GetGenericArguments()
            : [type];
        foreach (var answer in cases)
        {
            (string, Type?) described = answer switch
            {
                _ when answer == typeof(ApiError) => ("default", typeof(ErrorBody)),
                _ when answer == typeof(NoContent) => ("204", null),
                _ when answer == typeof(Accepted) => ("202", null),
                { IsGenericType: true } when answer.GetGenericTypeDefinition() == typeof(Ok<>) => ("200", answer.GetGenericArguments()[0]),
                { IsGenericType: true } when answer.GetGenericTypeDefinition() == typeof(Created<>) => ("201", answer.GetGenericArguments()[0]),
                { IsGenericType: true } when answer.GetGenericTypeDefinition() == typeof(Accepted<>) => ("202", answer.GetGenericArguments()[0]),
                { IsGenericType: true } when answer.GetGenericTypeDefinition() == typeof(JsonHttpResult<>) => ("default", answer.GetGenericArguments()[0]),
                _ => ("200", null),
            };
            yield return described;
        }
    }

    private static JsonNode Reference(Type type, IDictionary<string, JsonNode> schemas, JsonSerializerOptions json)
    {
        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + string.Concat(type.GetGenericArguments().Select(a => a.Name)) : type.Name;
        if (!schemas.ContainsKey(name))
        {
            schemas[name] = json.GetJsonSchemaAsNode(type, SchemaOptions);
        }

        return new JsonObject { ["$ref"] = "#/components/schemas/" + name };
    }

    private static IEnumerable<string> RouteParameters(string route) =>
        route.Split('/').Where(segment => segment.StartsWith('{') && segment.EndsWith('}'))
            .Select(segment => segment.Trim('{', '}').Split(':', '=', '?')[0]);
}
