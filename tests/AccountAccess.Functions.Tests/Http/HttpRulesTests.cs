using System.Reflection;
using AccountAccess.Core.Authorization;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.Azure.Functions.Worker.Http;

namespace AccountAccess.Functions.Tests.Http;

/// <summary>What the pipeline checks, as <see cref="HttpRules.Of"/> reads it from a function's attributes.</summary>
public sealed class HttpRulesTests
{
    private static HttpRules RulesOf(string method) =>
        HttpRules.Of(typeof(Shapes).GetMethod(method, BindingFlags.Public | BindingFlags.Static)!);

    [Fact]
    public void A_function_without_attributes_is_open_to_anyone_unlimited_and_reads_no_body()
    {
        Assert.Equal(HttpRules.None, RulesOf(nameof(Shapes.Plain)));
    }

    [Fact]
    public void Requires_caller_admits_operators_and_signed_in_users()
    {
        Assert.Equal(CallerRequirement.OperatorOrSignedInUser, RulesOf(nameof(Shapes.ForCallers)).Callers);
    }

    [Fact]
    public void Requires_operator_wins_over_requires_caller()
    {
        Assert.Equal(CallerRequirement.Operator, RulesOf(nameof(Shapes.ForOperatorsMarkedBoth)).Callers);
    }

    [Fact]
    public void Rate_limited_per_ip_counts_against_the_budget()
    {
        Assert.True(RulesOf(nameof(Shapes.Limited)).RateLimitedPerIp);
    }

    [Fact]
    public void A_from_body_parameter_is_a_required_body_the_pipeline_parses()
    {
        Assert.Equal(new JsonBody(typeof(LoginBody), Optional: false, ParsedByPipeline: true), RulesOf(nameof(Shapes.RequiredBody)).Body);
    }

    [Fact]
    public void A_nullable_from_body_parameter_is_an_optional_body()
    {
        Assert.Equal(new JsonBody(typeof(DeactivateBody), Optional: true, ParsedByPipeline: true), RulesOf(nameof(Shapes.OptionalBody)).Body);
    }

    [Fact]
    public void Reads_json_body_is_a_body_the_function_reads_itself()
    {
        Assert.Equal(new JsonBody(typeof(BillingEventBody), Optional: false, ParsedByPipeline: false), RulesOf(nameof(Shapes.RawBody)).Body);
    }

    [Fact]
    public void The_app_s_optional_bodies_are_the_nullable_ones()
    {
        Assert.True(FunctionCatalogue.App.Find("SendWelcomeKits")!.Http.Body!.Optional);
        Assert.False(FunctionCatalogue.App.Find("Login")!.Http.Body!.Optional);
    }

    [Fact]
    public void The_billing_webhook_reads_its_raw_body_to_check_the_signature_over_it()
    {
        Assert.Equal(new JsonBody(typeof(BillingEventBody), false, ParsedByPipeline: false), FunctionCatalogue.App.Find("BillingWebhook")!.Http.Body);
    }

    [Fact]
    public void Acts_on_user_names_the_right_checked_on_the_routes_user_before_the_body()
    {
        Assert.Equal(UserAction.SetPassword, RulesOf(nameof(Shapes.OnUser)).ActsOnUser);
        Assert.Equal(OrganizationAction.AddUnit, RulesOf(nameof(Shapes.OnOrganization)).ActsOnOrganization);
    }

    [Fact]
    public void Requires_account_holder_admits_an_enrolment_token_only_when_it_says_so()
    {
        Assert.Equal(CallerRequirement.AccountHolder, RulesOf(nameof(Shapes.ForHolders)).Callers);
        Assert.Equal(CallerRequirement.AccountHolderOrEnrollmentToken, RulesOf(nameof(Shapes.ForHoldersOrEnrolment)).Callers);
    }

    [Fact]
    public void Every_function_on_a_user_or_an_organization_of_its_route_says_which_right_it_needs()
    {
        // Authorization before validation on every route (API.md "Several organizations"): a route naming a user or an
        // organization, open to signed-in users, is checked by AccessRules before its body is read.
        var withoutRight = FunctionCatalogue.App.Http
            .Where(f => f.Http.Callers == CallerRequirement.OperatorOrSignedInUser)
            .Where(f => ((FunctionTrigger.Http)f.Trigger).Route.Contains("{userId}", StringComparison.Ordinal) ? f.Http.ActsOnUser is null
                : ((FunctionTrigger.Http)f.Trigger).Route.Contains("{orgId}", StringComparison.Ordinal) && f.Http.ActsOnOrganization is null)
            .Select(f => f.Name)
            .ToList();

        Assert.Empty(withoutRight);
    }

    /// <summary>Methods shaped as HTTP functions (without [Function], which belongs to the app alone).</summary>
    private static class Shapes
    {
        public static void Plain()
        {
        }

        [RequiresCaller]
        public static void ForCallers()
        {
        }

        [RequiresCaller]
        [RequiresOperator]
        public static void ForOperatorsMarkedBoth()
        {
        }

        [RateLimitedPerIp]
        public static void Limited()
        {
        }

        public static void RequiredBody([FromBody] LoginBody body) => _ = body;

        public static void OptionalBody([FromBody] DeactivateBody? body) => _ = body;

        [ReadsJsonBody(typeof(BillingEventBody))]
        public static void RawBody()
        {
        }

        [RequiresCaller]
        [ActsOnUser(UserAction.SetPassword)]
        public static void OnUser()
        {
        }

        [RequiresCaller]
        [ActsOnOrganization(OrganizationAction.AddUnit)]
        public static void OnOrganization()
        {
        }

        [RequiresAccountHolder]
        public static void ForHolders()
        {
        }

        [RequiresAccountHolder(AllowEnrollmentToken = true)]
        public static void ForHoldersOrEnrolment()
        {
        }
    }
}
