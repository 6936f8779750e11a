using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountAccess.Core.Errors;
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

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Every_http_function_has_a_summary_and_lists_each_error_code_under_its_status(string name)
    {
        var function = FunctionCatalogue.App.Find(name)!;
        var operation = Operation(function);

        Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{name} has no summary: give it [OpenApiOperation(\"…\")] beside its [Function]");
        foreach (var (status, codes) in OpenApiDocument.ErrorsOf(function).Where(_ => name != nameof(OpenApiDocument)))
        {
            var response = operation["responses"]![status.ToString(CultureInfo.InvariantCulture)];
            Assert.True(response is not null, $"{name} does not list {status}");
            Assert.All(codes, code => Assert.Contains("`" + Failure.NameOf(code) + "`", response!["description"]!.GetValue<string>()));
        }

        Assert.Null(operation["responses"]!["default"]);
    }

    [Fact]
    public void A_reset_lists_its_400_codes_with_an_example_of_each()
    {
        var bad = Document["paths"]!["/api/password/reset"]!["post"]!["responses"]!["400"]!;

        var examples = bad["content"]!["application/json"]!["examples"]!.AsObject();

        Assert.Equal(["invalid_request", "password_policy", "reset_link_invalid"], examples.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("reset_link_invalid", examples["reset_link_invalid"]!["value"]!["error"]!["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(examples["reset_link_invalid"]!["value"]!["error"]!["message"]!.GetValue<string>()));
    }

    [Fact]
    public void A_whole_account_change_lists_other_organizations_beside_forbidden_and_an_operator_route_only_forbidden()
    {
        var erase = Document["paths"]!["/api/users/{userId}"]!["delete"]!["responses"]!["403"]!["description"]!.GetValue<string>();
        var merge = Document["paths"]!["/api/users/{userId}/merge"]!["post"]!["responses"]!["403"]!["description"]!.GetValue<string>();

        Assert.Equal("`forbidden`, `other_organizations`", erase);
        Assert.Equal("`forbidden`", merge);
    }

    [Fact]
    public void Sign_in_lists_the_refusals_of_a_proven_password_the_per_ip_budget_and_a_storage_outage()
    {
        var answers = Document["paths"]!["/api/auth/login"]!["post"]!["responses"]!.AsObject();

        Assert.Equal(["200", "400", "401", "403", "426", "429", "503"], answers.Select(a => a.Key));
        Assert.Contains("`wrong_portal`", answers["403"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public void The_document_names_its_server_and_the_account_routes_ask_for_a_bearer_token()
    {
        var servers = Document["servers"]!.AsArray();
        var sessions = Document["paths"]!["/api/account/2fa"]!["delete"]!["security"]!.AsArray();

        Assert.Equal("https://accounts.example.org", Assert.Single(servers)!["url"]!.GetValue<string>());
        Assert.Equal("bearer", Assert.Single(sessions)!.AsObject().Single().Key);
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

    [Fact]
    public void The_members_list_names_each_query_parameter_with_its_schema()
    {
        var parameters = Parameters("/api/organizations/{orgId}/members", "get");

        Assert.Equal(["orgId", "q", "status", "role", "unitId", "max", "continuationToken"], parameters.Keys);
        Assert.All(parameters.Values.Skip(1), p => Assert.Equal("query", p["in"]!.GetValue<string>()));
        Assert.All(parameters.Values.Skip(1), p => Assert.False(p["required"]!.GetValue<bool>()));
        Assert.Equal(
            ["active", "pending_activation", "locked", "deactivated", "departed", "password_expired", "no_email"],
            parameters["status"]["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["employee", "manager", "administrator", "client"], parameters["role"]["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal((1, 200, 50), (parameters["max"]["schema"]!["minimum"]!.GetValue<int>(), parameters["max"]["schema"]!["maximum"]!.GetValue<int>(), parameters["max"]["schema"]!["default"]!.GetValue<int>()));
        Assert.Equal("string", parameters["q"]["schema"]!["type"]!.GetValue<string>());
        Assert.NotNull(parameters["q"]["description"]);
    }

    [Fact]
    public void The_login_lookup_names_its_required_login()
    {
        var login = Assert.Single(Parameters("/api/users", "get")).Value;

        Assert.Equal(("login", "query", true), (login["name"]!.GetValue<string>(), login["in"]!.GetValue<string>(), login["required"]!.GetValue<bool>()));
        Assert.Equal("string", login["schema"]!["type"]!.GetValue<string>());
    }

    private static Dictionary<string, JsonNode> Parameters(string path, string method) =>
        Document["paths"]![path]![method]!["parameters"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);

    private static JsonNode Operation(FunctionEntry function)
    {
        var trigger = (FunctionTrigger.Http)function.Trigger;
        return Document["paths"]!["/api/" + trigger.Route]![trigger.Methods[0].ToLowerInvariant()]!;
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
        return OpenApiDocument.Build(FunctionCatalogue.App, HostJson.Load(AccountAccess.Testing.RepositoryPaths.Root), options, "https://accounts.example.org");
    }
}
