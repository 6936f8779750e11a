using System.Text.Json;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Hosting;

namespace AccountAccess.Functions.Tests.Hosting;

/// <summary>
/// API.md: "Keep an OpenAPI document generated from the code in step with it." The document is built from the function
/// attributes, so every HTTP function is in it with its method, body, callers and answers.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly JsonObject Document = Build();

    public static TheoryData<string> HttpFunctions()
    {
        var data = new TheoryData<string>();
        foreach (var function in FunctionCatalogue.App.Http)
        {
            data.Add(function.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Every_http_function_is_an_operation_on_its_route_and_method(string name)
    {
        var function = FunctionCatalogue.App.Find(name)!;
        var trigger = (FunctionTrigger.Http)function.Trigger;

        var operation = Document["paths"]!["/api/" + trigger.Route]![trigger.Methods[0].ToLowerInvariant()];

        Assert.NotNull(operation);
        Assert.Equal(name, operation!["operationId"]!.GetValue<string>());
        Assert.Equal(function.Http.Body is not null, operation["requestBody"] is not null);
        Assert.NotEmpty(operation["responses"]!.AsObject());
    }

    [Fact]
    public void The_login_result_lists_each_of_its_200_shapes()
    {
        var ok = Document["paths"]!["/api/auth/login"]!["post"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;

        var shapes = ok["oneOf"]!.AsArray().Select(s => s!["$ref"]!.GetValue<string>()).ToList();

        Assert.Contains("#/components/schemas/LoginResponse", shapes);
        Assert.Contains("#/components/schemas/TwoFactorRequiredResponse", shapes);
        Assert.Contains("#/components/schemas/PasswordChangeRequiredResponse", shapes);
    }

    [Fact]
    public void Every_reference_names_a_schema_of_the_document()
    {
        var schemas = Document["components"]!["schemas"]!.AsObject();
        var references = References(Document["paths"]!).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.True(schemas.ContainsKey(reference["#/components/schemas/".Length..]), $"{reference} is not in components"));
    }

    [Fact]
    public void Operator_routes_ask_for_the_operator_key_and_sign_in_asks_for_nothing()
    {
        var workflows = Document["paths"]!["/api/workflows"]!["get"]!["security"]!.AsArray();
        var login = Document["paths"]!["/api/auth/login"]!["post"]!["security"]!.AsArray();

        Assert.Equal("operatorKey", Assert.Single(workflows)!.AsObject().Single().Key);
        Assert.Empty(login);
    }

    [Fact]
    public void Schemas_use_the_contract_s_names_camel_case_fields_and_snake_case_enums()
    {
        var login = Document["components"]!["schemas"]!["LoginBody"]!["properties"]!.AsObject();

        Assert.True(login.ContainsKey("login"));
        Assert.True(login.ContainsKey("appVersion"));
        Assert.Contains("employee", login["portal"]!["enum"]!.AsArray().Select(v => v?.GetValue<string>()));
    }

    private static IEnumerable<string> References(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$ref" ? [p.Value!.GetValue<string>()] : p.Value is null ? [] : References(p.Value)),
        JsonArray a => a.SelectMany(item => item is null ? [] : References(item)),
        _ => [],
    };

    private static JsonObject Build()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return OpenApiDocument.Build(FunctionCatalogue.App, HostJson.Load(AccountAccess.Testing.RepositoryPaths.Root), options);
    }
}
