using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// The OpenAPI 3.1 document of the HTTP contract, generated from the functions themselves: each <c>[HttpTrigger]</c>'s
/// route and methods, its route parameters, the <c>[FromBody]</c> (or <c>[ReadsJsonBody]</c>) body, who may call it, and
/// the answers its typed result (<c>Results&lt;Ok&lt;T&gt;, …, ApiError&gt;</c>) can give, with JSON schemas in the
/// contract's serialization (camelCase, snake_case enums). So it cannot drift from the code; API.md stays the prose.
/// Errors are listed by status, each with the codes of API.md it may carry and an example of each
/// (<see cref="ErrorsOf"/>), and every operation has a summary (<see cref="OpenApiOperationAttribute"/>): Redocly CLI's
/// recommended rules pass on it (OpenApiLintTests).
/// </summary>
public static class OpenApiDocument
{
    private const string Error = "error";

    private static readonly JsonSchemaExporterOptions SchemaOptions = new() { TreatNullObliviousAsNonNullable = true };

    /// <summary>The document, its server the origin it is served from (<paramref name="serverUrl"/>, e.g. https://accounts.example.com).</summary>
    public static JsonObject Build(FunctionCatalogue catalogue, HostJson hostJson, JsonSerializerOptions json, string serverUrl)
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
                ["description"] = "Account access of a multi-tenant SaaS: sign-in, lockout, passwords, two-factor, billing, welcome kits and the support diagnosis. Errors: {\"error\":{\"code\",\"message\",\"details\"}}, the message in French when Accept-Language prefers fr.",
                ["license"] = new JsonObject { ["name"] = "Proprietary", ["identifier"] = "LicenseRef-Proprietary" },
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = serverUrl, ["description"] = "This app" }),
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
            ["summary"] = function.Method.GetCustomAttribute<OpenApiOperationAttribute>()?.Summary,
            ["tags"] = new JsonArray(function.Method.DeclaringType!.Name.Replace("Functions", string.Empty, StringComparison.Ordinal)),
        };

        var parameters = new JsonArray();
        foreach (var name in RouteParameters(trigger.Route))
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        if (function.Method.GetCustomAttribute<ReadsQueryAttribute>() is { } reads)
        {
            foreach (var query in QueryParameter.Of(reads.QueryType))
            {
                parameters.Add(QueryParameterOf(query, json));
            }
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
            CallerRequirement.AccountHolder or CallerRequirement.AccountHolderOrEnrollmentToken => new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
            _ => new JsonArray(),
        };

        var answers = Answers(function.Method.ReturnType).ToList();
        var responses = new JsonObject();
        foreach (var answer in answers.Where(a => a.Status != Error).GroupBy(a => a.Status))
        {
            var bodies = answer.Select(a => a.Body).OfType<Type>().ToList();
            var response = new JsonObject { ["description"] = "Success" };
            if (bodies.Count > 0)
            {
                // The login result has several 200 shapes: one of them.
                var schema = bodies.Count == 1 ? Reference(bodies[0], schemas, json) : new JsonObject { ["oneOf"] = new JsonArray(bodies.Select(b => Reference(b, schemas, json)).ToArray()) };
                response["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } };
            }

            responses[answer.Key] = response;
        }

        var errorBody = answers.FirstOrDefault(a => a.Status == Error).Body;
        if (errorBody is not null)
        {
            foreach (var (status, codes) in ErrorsOf(function))
            {
                responses[status.ToString(CultureInfo.InvariantCulture)] = ErrorResponse(codes, Reference(errorBody, schemas, json), withExamples: errorBody == typeof(ErrorBody));
            }
        }

        operation["responses"] = responses;
        return operation;
    }

    /// <summary>
    /// The error codes a function may answer, by status: those its rules give every function of its kind (a body, its
    /// callers, the user or organization it acts on, the per-IP budget, storage) and those its
    /// <see cref="OpenApiOperationAttribute"/> names.
    /// </summary>
    public static SortedDictionary<int, SortedSet<ErrorCode>> ErrorsOf(FunctionEntry function)
    {
        var rules = function.Http;
        var codes = new HashSet<ErrorCode>(function.Method.GetCustomAttribute<OpenApiOperationAttribute>()?.Errors ?? []);
        if (rules.Body is not null)
        {
            codes.Add(ErrorCode.InvalidRequest);
        }

        if (rules.Callers != CallerRequirement.Anyone)
        {
            codes.Add(ErrorCode.Unauthorized);
        }

        if (rules.Callers is CallerRequirement.Operator || rules.ActsOnUser is not null || rules.ActsOnOrganization is not null)
        {
            codes.Add(ErrorCode.Forbidden);
        }

        if (rules.ActsOnUser is not null || rules.ActsOnOrganization is not null)
        {
            // An operator learns that the user or organization does not exist; anyone else gets 403 for it.
            codes.Add(ErrorCode.NotFound);
        }

        if (rules.ActsOnUser is { } action && AccessRules.BelongsToTheWholeAccount(action))
        {
            codes.Add(ErrorCode.OtherOrganizations);
        }

        if (rules.RateLimitedPerIp)
        {
            codes.Add(ErrorCode.TooManyRequests);
        }

        // A function whose typed result holds no error reads no storage (this document, the signing keys and where to
        // find them): an outage leaves its answer as it is.
        if (Answers(function.Method.ReturnType).Any(a => a.Status == Error))
        {
            codes.Add(ErrorCode.ServiceUnavailable);
        }

        return new SortedDictionary<int, SortedSet<ErrorCode>>(
            codes.GroupBy(ErrorCatalogue.StatusOf).ToDictionary(atStatus => atStatus.Key, atStatus => new SortedSet<ErrorCode>(atStatus)));
    }

    /// <summary>
    /// One error status: its codes named in the description and, for the error envelope, an example of each with its
    /// English message (health's 503 has a body of its own).
    /// </summary>
    private static JsonObject ErrorResponse(IReadOnlyCollection<ErrorCode> codes, JsonNode schema, bool withExamples)
    {
        var media = new JsonObject { ["schema"] = schema };
        var examples = new JsonObject();
        foreach (var code in withExamples ? codes : [])
        {
            var name = Failure.NameOf(code);
            var message = ErrorCatalogue.MessageOf(code, CultureInfo.InvariantCulture);
            examples[name] = new JsonObject
            {
                ["summary"] = name,
                ["value"] = new JsonObject { ["error"] = new JsonObject { ["code"] = name, ["message"] = message, ["details"] = new JsonObject() } },
            };
        }

        if (examples.Count > 0)
        {
            media["examples"] = examples;
        }

        return new JsonObject
        {
            ["description"] = string.Join(", ", codes.Select(code => "`" + Failure.NameOf(code) + "`")),
            ["content"] = new JsonObject { ["application/json"] = media },
        };
    }

    /// <summary>The answers a typed result can give: its status (or <see cref="Error"/> for errors) and body type.</summary>
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
                _ when answer == typeof(ApiError) => (Error, typeof(ErrorBody)),
                _ when answer == typeof(NoContent) => ("204", null),
                _ when answer == typeof(Accepted) => ("202", null),
                { IsGenericType: true } when answer.GetGenericTypeDefinition() == typeof(Ok<>) => ("200", answer.GetGenericArguments()[0]),
                { IsGenericType: true } when answer.GetGenericTypeDefinition() == typeof(Created<>) => ("201", answer.GetGenericArguments()[0]),
                { IsGenericType: true } when answer.GetGenericTypeDefinition() == typeof(Accepted<>) => ("202", answer.GetGenericArguments()[0]),
                { IsGenericType: true } when answer.GetGenericTypeDefinition() == typeof(JsonHttpResult<>) => (Error, answer.GetGenericArguments()[0]),
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

    /// <summary>A query parameter: its schema in the contract's serialization (a closed set's snake_case values), bounds and default.</summary>
    private static JsonObject QueryParameterOf(QueryParameter query, JsonSerializerOptions json)
    {
        var schema = (JsonObject)json.GetJsonSchemaAsNode(query.Type, SchemaOptions);
        if (query.Range is { } range)
        {
            schema["minimum"] = JsonValue.Create(Convert.ToInt32(range.Minimum, CultureInfo.InvariantCulture));
            schema["maximum"] = JsonValue.Create(Convert.ToInt32(range.Maximum, CultureInfo.InvariantCulture));
        }

        if (query.Default is int whole)
        {
            schema["default"] = whole;
        }

        var parameter = new JsonObject { ["name"] = query.Name, ["in"] = "query", ["required"] = query.Required };
        if (query.Description is { } description)
        {
            parameter["description"] = description;
        }

        parameter["schema"] = schema;
        return parameter;
    }

    private static IEnumerable<string> RouteParameters(string route) =>
        route.Split('/').Where(segment => segment.StartsWith('{') && segment.EndsWith('}'))
            .Select(segment => segment.Trim('{', '}').Split(':', '=', '?')[0]);
}
