using System.Reflection;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace AccountAccess.Functions.Tests.Hosting;

/// <summary>The functions of the app as both hosts see them: the rules their attributes must follow.</summary>
public sealed class FunctionCatalogueTests
{
    private static IEnumerable<FunctionEntry> Http => FunctionCatalogue.App.Http;

    [Fact]
    public void Every_function_name_is_unique_and_found_by_name()
    {
        var names = FunctionCatalogue.App.All.Select(f => f.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, name => Assert.Equal(name, FunctionCatalogue.App.Find(name)!.Name));
        Assert.Null(FunctionCatalogue.App.Find("NoSuchFunction"));
    }

    [Fact]
    public void Every_function_is_named_after_its_method()
    {
        Assert.All(FunctionCatalogue.App.All, f => Assert.Equal(f.Method.Name, f.Name));
    }

    [Fact]
    public void Every_http_function_returns_an_http_result()
    {
        Assert.All(Http, f =>
        {
            var type = f.Method.ReturnType;
            var result = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>) ? type.GetGenericArguments()[0] : type;
            Assert.True(typeof(IResult).IsAssignableFrom(result), $"{f.Name} returns {type}");
        });
    }

    [Fact]
    public void Every_route_parameter_is_a_string_parameter_of_the_same_name()
    {
        Assert.All(Http, f =>
        {
            var route = ((FunctionTrigger.Http)f.Trigger).Route;
            foreach (var name in route.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}')))
            {
                Assert.Contains(f.Method.GetParameters(), p => p.Name == name && p.ParameterType == typeof(string));
            }
        });
    }

    [Fact]
    public void Every_http_function_takes_one_http_method_at_least_and_an_anonymous_trigger()
    {
        Assert.All(Http, f =>
        {
            Assert.NotEmpty(((FunctionTrigger.Http)f.Trigger).Methods);
            var trigger = f.Method.GetParameters().Select(p => p.GetCustomAttribute<Microsoft.Azure.Functions.Worker.HttpTriggerAttribute>()).Single(a => a is not null)!;
            Assert.Equal(Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous, trigger.AuthLevel);
        });
    }

    [Theory]
    [InlineData("Login")]
    [InlineData("ForgotPassword")]
    [InlineData("ResetPassword")]
    [InlineData("CheckResetLink")]
    [InlineData("ChangePassword")]
    [InlineData("SendTwoFactorCode")]
    [InlineData("VerifyTwoFactorCode")]
    [InlineData("BeginTotpEnrollment")]
    [InlineData("SetTwoFactorPhone")]
    [InlineData("ConfirmTwoFactorPhone")]
    [InlineData("DisableTwoFactor")]
    [InlineData("BeginPasskeyRegistration")]
    [InlineData("RemovePasskey")]
    [InlineData("PasskeySignInOptions")]
    [InlineData("VerifyPasskeySignIn")]
    public void Sign_in_forgot_password_two_factor_and_step_up_count_against_the_ip_budget(string name)
    {
        Assert.True(FunctionCatalogue.App.Find(name)!.Http.RateLimitedPerIp);
    }

    [Fact]
    public void Only_the_workflow_routes_creating_organizations_merges_releasing_emails_and_rebuilding_the_member_index_are_for_operators_alone()
    {
        // Marked so, a signed-in user is refused before any body is read (authorization before validation).
        var operatorOnly = Http.Where(f => f.Http.Callers == CallerRequirement.Operator).Select(f => f.Name).Order();

        Assert.Equal(["CreateOrganization", "GetWorkflow", "ListWorkflows", "MergeUser", "RebuildMemberIndex", "ReleaseEmail"], operatorOnly);
    }

    [Fact]
    public void The_enrolment_routes_act_on_the_callers_own_account_and_the_first_factor_may_come_with_an_enrolment_token()
    {
        var holders = Http.Where(f => f.Http.Callers is CallerRequirement.AccountHolder or CallerRequirement.AccountHolderOrEnrollmentToken)
            .ToDictionary(f => f.Name, f => f.Http.Callers == CallerRequirement.AccountHolderOrEnrollmentToken);

        Assert.Equal(
            new Dictionary<string, bool>
            {
                ["BeginTotpEnrollment"] = true,
                ["ConfirmTotpEnrollment"] = true,
                ["SetTwoFactorPhone"] = true,
                ["ConfirmTwoFactorPhone"] = true,
                ["DisableTwoFactor"] = false,
                ["BeginPasskeyRegistration"] = true,
                ["RegisterPasskey"] = true,
                ["ListPasskeys"] = false,
                ["RenamePasskey"] = false,
                ["RemovePasskey"] = false,
            },
            holders);
    }

    [Fact]
    public void The_routes_open_to_anyone_are_the_ones_api_md_opens_or_that_check_their_own_credentials()
    {
        var open = Http.Where(f => f.Http.Callers == CallerRequirement.Anyone).Select(f => f.Name).Order();

        Assert.Equal(
            [
                "BillingWebhook", "ChangePassword", "CheckResetLink", "ForgotPassword", "Health", "Jwks", "Login", "OpenApiDocument",
                "OpenIdConfiguration", "PasskeySignInOptions", "Refresh", "ResetPassword", "SendTwoFactorCode", "VerifyPasskeySignIn",
                "VerifyTwoFactorCode",
            ],
            open);
    }
}
