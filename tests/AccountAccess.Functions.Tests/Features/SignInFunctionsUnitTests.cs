using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Features;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// <see cref="SignInFunctions.Login"/> called directly, with a <see cref="DefaultHttpContext"/> request and the sign-in
/// handler over <see cref="PasswordLifecycle"/>'s fakes: the checks the function makes itself before Core decides, and
/// how Core's refusals come out.
/// </summary>
public sealed class SignInFunctionsUnitTests
{
    private const string Password = "violet-harbour-42";

    private readonly PasswordLifecycle world = new();
    private readonly SignInFunctions functions;

    public SignInFunctionsUnitTests()
    {
        world.Organizations.Add(Organization("org_a"));
        world.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), Password);
        functions = new SignInFunctions(world.SignIn);
    }

    private static HttpRequest Request() => new DefaultHttpContext().Request;

    private async Task<ApiError> RefusalOf(LoginBody body) =>
        Assert.IsType<ApiError>((await functions.Login(Request(), body, CancellationToken.None)).Result);

    /// <summary>The refusal as the contract's JSON, written the way a host writes it.</summary>
    private static async Task<UnitHttp.Answer> OnTheWire(ApiError error)
    {
        var unit = new UnitHttp();
        var http = unit.Request();
        return await UnitHttp.WriteAsync(error, http);
    }

    [Theory]
    [InlineData(null, Password, "employee", "login")]
    [InlineData("", Password, "employee", "login")]
    [InlineData("usr_jean", null, "employee", "password")]
    [InlineData("usr_jean", Password, null, "portal")]
    public async Task A_missing_field_is_invalid_request_naming_it(string? login, string? password, string? portal, string field)
    {
        var error = await RefusalOf(new LoginBody(login, password, portal is null ? null : Portal.Employee, null));

        Assert.Equal(ErrorCode.InvalidRequest, error.Failure.Code);
        Assert.Equal(field, error.Failure.Details["field"]);
    }

    [Fact]
    public async Task A_login_over_320_characters_is_named_before_any_lookup()
    {
        var error = await RefusalOf(new LoginBody(new string('a', 321), Password, Portal.Employee, null));

        Assert.Equal("login", error.Failure.Details["field"]);
        Assert.Equal(0, world.Users.SaveCount);
    }

    [Fact]
    public async Task A_password_over_the_input_limit_is_named_before_it_is_hashed()
    {
        var error = await RefusalOf(new LoginBody("usr_jean", new string('p', Require.MaxPasswordInputLength + 1), Portal.Employee, null));

        Assert.Equal("password", error.Failure.Details["field"]);
        Assert.Empty(world.Users.EventsOf("usr_jean"));
    }

    [Fact]
    public async Task The_right_password_on_a_deactivated_account_says_why()
    {
        var jean = world.Users["usr_jean"];
        world.Users.Add(jean with { Deactivation = new Deactivation(DeactivationReason.Manual, Start, null, Actor.Operator) });

        var answer = await OnTheWire(await RefusalOf(new LoginBody("usr_jean", Password, Portal.Employee, null)));

        Assert.Equal(403, answer.Status);
        Assert.Equal("account_deactivated", answer.ErrorCode);
        Assert.Equal("manual", answer.Json!["error"]!["details"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_login_and_a_wrong_password_get_the_same_refusal()
    {
        var unknown = await OnTheWire(await RefusalOf(new LoginBody("usr_nobody", Password, Portal.Employee, null)));
        var wrong = await OnTheWire(await RefusalOf(new LoginBody("usr_jean", "not-the-password", Portal.Employee, null)));

        Assert.Equal("invalid_credentials", unknown.ErrorCode);
        Assert.Equal(unknown.Status, wrong.Status);
        Assert.Equal(unknown.Json!.ToJsonString(), wrong.Json!.ToJsonString());
    }
}
