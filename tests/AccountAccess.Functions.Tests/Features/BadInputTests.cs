using System.Net;
using System.Text;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Garbage at every route (API.md "Conventions", DESIGN.md "Bad input gets a clear 4xx error and changes nothing"): sent
/// with operator credentials, every unreadable body, wrong field and odd id gets a 4xx with the error envelope, never a
/// 5xx, and the organization and user it aimed at are unchanged afterwards.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class BadInputTests(AppFixture fixture)
{
    private const string NoSuchUser = "usr_doesnotexist0000";
    private const string NoSuchOrganization = "org_doesnotexist0000";

    /// <summary>
    /// Every function of the app, by hand: a valid body where it reads one ({orgId}, {userId} and {unitId} are filled
    /// in), and bodies with one field at fault. <see cref="The_list_of_routes_here_is_every_route_the_app_maps"/> keeps it whole.
    /// </summary>
    private static readonly Dictionary<string, RouteSpec> Specs = new()
    {
        ["Health"] = new(null),
        ["OpenApiDocument"] = new(null),
        ["Jwks"] = new(null),
        ["OpenIdConfiguration"] = new(null),
        ["Refresh"] = new("""{"refreshToken":"not-a-refresh-token"}""",
            ("""{"refreshToken":12}""", "refreshToken"),
            ("""{"refreshToken":null}""", "refreshToken"),
            ("""{}""", "refreshToken")),
        ["Logout"] = new(null),
        ["ListSessions"] = new(null),
        ["EndSession"] = new(null),
        ["EndUserSessions"] = new(null),
        ["Login"] = new("""{"login":"{username}","password":"Wrong-Password-123","portal":"employee"}""",
            ("""{"login":12,"password":"x","portal":"employee"}""", "login"),
            ("""{"login":"{username}","password":12,"portal":"employee"}""", "password"),
            ("""{"login":"{username}","password":"Wrong-Password-123","portal":"nope"}""", "portal"),
            ("""{"login":"{username}","password":"Wrong-Password-123","portal":null}""", "portal"),
            ("""{"login":"{username}","password":"Wrong-Password-123","portal":"employee","appVersion":3}""", "appVersion"),
            ("""{"login":"{username}","password":"Wrong-Password-123","portal":"employee","appVersion":"three"}""", "appVersion")),
        ["CreateOrganization"] = new("""{"name":"garbage org"}""",
            ("""{"name":12}""", "name"),
            ("""{"name":null}""", "name"),
            ("""{"name":"garbage org","policy":[]}""", "policy"),
            ("""{"name":"garbage org","policy":{"maxFailedAttempts":"6"}}""", "policy.maxFailedAttempts"),
            ("""{"name":"garbage org","primaryContactEmail":"not an email"}""", "primaryContactEmail")),
        ["GetOrganization"] = new(null),
        ["GetOrganizationEvents"] = new(null),
        ["GetWelcomeKitBatch"] = new(null),
        ["ListMembers"] = new(null),
        ["FindUsers"] = new(null),
        ["RebuildMemberIndex"] = new("""{"organizationId":"{orgId}"}""",
            ("""{"organizationId":12}""", "organizationId"),
            ("""{"organizationId":""}""", "organizationId"),
            ("""{"organizationId":["{orgId}"]}""", "organizationId")),
        ["SetOrganizationPolicy"] = new("""{"maxFailedAttempts":6}""",
            ("""{"maxFailedAttempts":"6"}""", "maxFailedAttempts"),
            ("""{"maxFailedAttempts":1.5}""", "maxFailedAttempts"),
            ("""{"maxFailedAttempts":0}""", "maxFailedAttempts"),
            ("""{"maxFailedAttempts":21}""", "maxFailedAttempts"),
            ("""{"lockoutMinutes":true}""", "lockoutMinutes"),
            ("""{"requireTwoFactor":"yes"}""", "requireTwoFactor"),
            ("""{"minimumAppVersion":"banana"}""", "minimumAppVersion")),
        ["AddUnit"] = new("""{"name":"garbage unit"}""",
            ("""{"name":12}""", "name"),
            ("""{"name":null}""", "name")),
        ["CreateUser"] = new("""{"username":"garbage-user","displayName":"Garbage","role":"employee"}""",
            ("""{"username":12,"displayName":"Garbage","role":"employee"}""", "username"),
            ("""{"username":"garbage-user","displayName":"Garbage","role":"king"}""", "role"),
            ("""{"username":"garbage-user","displayName":"Garbage","role":"employee","unitIds":[null]}""", "unitIds"),
            ("""{"username":"garbage-user","displayName":"Garbage","role":"employee","secondaryEmails":[null]}""", "secondaryEmails"),
            ("""{"username":"garbage-user","displayName":"Garbage","role":"employee","permissions":[null]}""", "permissions"),
            ("""{"username":"garbage-user","displayName":"Garbage","role":"employee","permissions":["root"]}""", "permissions"),
            ("""{"username":"garbage-user","displayName":"Garbage","role":"employee","unitIds":["unit_doesnotexist00"]}""", "unitIds"),
            ("""{"username":"garbage-user","displayName":"Garbage","role":"employee","email":5}""", "email"),
            ("""{"username":"garbage-user","displayName":"Garbage","role":"employee","locale":"klingon"}""", "locale"),
            ("""{"username":"garbage-user","displayName":"Garbage","role":"employee","preferredChannel":"pigeon"}""", "preferredChannel"),
            ("""{"username":"garbage-user","displayName":"Garbage","role":"employee","departureDate":"soon"}""", "departureDate"),
            ("""{"username":"garbage-user","displayName":"Garbage","role":"employee","visible":"yes"}""", "visible")),
        ["AddMember"] = new("""{"userId":"{userId}","role":"client"}""",
            ("""{"userId":12,"role":"client"}""", "userId"),
            ("""{"userId":"{userId}","role":"king"}""", "role"),
            ("""{"userId":"{userId}"}""", "role"),
            ("""{"userId":"{userId}","role":"employee","unitIds":[null]}""", "unitIds"),
            ("""{"userId":"{userId}","role":"employee","unitIds":["unit_doesnotexist00"]}""", "unitIds"),
            ("""{"userId":"usr_doesnotexist0000","role":"client"}""", "userId")),
        ["LeaveService"] = new(null),
        ["GetUser"] = new(null),
        ["DeleteUser"] = new(null),
        ["UpdateUser"] = new("""{"displayName":"Renamed by garbage"}""",
            ("""{"displayName":12}""", "displayName"),
            ("""{"favouriteColour":"blue"}""", "favouriteColour"),
            ("""{"unitIds":[null]}""", "unitIds"),
            ("""{"secondaryEmails":[null]}""", "secondaryEmails"),
            ("""{"unitIds":["unit_doesnotexist00"]}""", "unitIds"),
            ("""{"permissions":["king"]}""", "permissions"),
            ("""{"locale":"klingon"}""", "locale"),
            ("""{"visible":null}""", "visible"),
            ("""{"email":12}""", "email"),
            ("""{"departureDate":"soon"}""", "departureDate")),
        ["DeactivateUser"] = new("""{"reason":"manual"}""",
            ("""{"reason":12}""", "reason"),
            ("""{"reason":"merged"}""", "reason")),
        ["ReactivateUser"] = new(null),
        ["RevokeAccess"] = new("""{"organizationId":"{orgId}"}""",
            ("""{"organizationId":12}""", "organizationId"),
            ("""{}""", "organizationId"),
            ("""{"organizationId":"org_doesnotexist0000"}""", "organizationId")),
        ["RestoreAccess"] = new("""{"organizationId":"{orgId}"}""",
            ("""{"organizationId":12}""", "organizationId"),
            ("""{}""", "organizationId"),
            ("""{"organizationId":"org_doesnotexist0000"}""", "organizationId")),
        ["GetUserEvents"] = new(null),
        ["ListWorkflows"] = new(null),
        ["GetWorkflow"] = new(null),
        ["ForgotPassword"] = new("""{"login":"{username}"}""",
            ("""{"login":12}""", "login"),
            ("""{"login":null}""", "login"),
            ("""{}""", "login")),
        ["ResetPassword"] = new("""{"token":"usr_x.y.z","newPassword":"A-long-new-password-1"}""",
            ("""{"token":12,"newPassword":"A-long-new-password-1"}""", "token"),
            ("""{"token":"usr_x.y.z","newPassword":12}""", "newPassword"),
            ("""{"token":"usr_x.y.z"}""", "newPassword")),
        ["CheckResetLink"] = new("""{"token":"usr_x.y.z"}""",
            ("""{"token":12}""", "token"),
            ("""{"token":null}""", "token"),
            ("""{}""", "token")),
        ["ChangePassword"] = new("""{"changeToken":"not-a-token","newPassword":"A-long-new-password-1"}""",
            ("""{"changeToken":12,"newPassword":"A-long-new-password-1"}""", "changeToken"),
            ("""{"changeToken":"not-a-token","newPassword":12}""", "newPassword"),
            ("""{"currentPassword":"x"}""", "newPassword")),
        ["SetUserPassword"] = new("""{"newPassword":"A-long-new-password-1"}""",
            ("""{"newPassword":12}""", "newPassword"),
            ("""{}""", "newPassword")),
        ["IssueTemporaryPassword"] = new(null),
        ["SendTwoFactorCode"] = new("""{"challengeId":"chl_none","method":"sms"}""",
            ("""{"challengeId":12,"method":"sms"}""", "challengeId"),
            ("""{"challengeId":"chl_none","method":"pigeon"}""", "method"),
            ("""{"challengeId":"chl_none"}""", "method")),
        ["VerifyTwoFactorCode"] = new("""{"challengeId":"chl_none","code":"123456"}""",
            ("""{"challengeId":12,"code":"123456"}""", "challengeId"),
            ("""{"challengeId":"chl_none","code":123456}""", "code"),
            ("""{"challengeId":"chl_none"}""", "code"),
            ("""{"challengeId":"chl_none","credential":"not an object"}""", "credential")),
        ["BeginTotpEnrollment"] = new("""{"password":"Wrong-Password-123"}""",
            ("""{"password":12}""", "password")),
        ["ConfirmTotpEnrollment"] = new("""{"code":"123456"}""",
            ("""{"code":123456}""", "code"),
            ("""{}""", "code")),
        ["SetTwoFactorPhone"] = new("""{"phone":"+15145550100"}""",
            ("""{"phone":15145550100}""", "phone"),
            ("""{"phone":"+15145550100","password":12}""", "password"),
            ("""{}""", "phone")),
        ["ConfirmTwoFactorPhone"] = new("""{"code":"123456"}""",
            ("""{"code":123456}""", "code"),
            ("""{}""", "code")),
        ["DisableTwoFactor"] = new("""{"password":"x"}""",
            ("""{"password":12}""", "password"),
            ("""{}""", "password")),
        ["ResetTwoFactor"] = new(null),
        ["BeginPasskeyRegistration"] = new("""{"password":"Wrong-Password-123"}""",
            ("""{"password":12}""", "password"),
            ("""{}""", "password")),
        ["RegisterPasskey"] = new("""{"challengeId":"pkc_none","credential":{"type":"public-key"}}""",
            ("""{"challengeId":12,"credential":{}}""", "challengeId"),
            ("""{"challengeId":"pkc_none"}""", "credential"),
            ("""{"challengeId":"pkc_none","credential":[1]}""", "credential"),
            ("""{"challengeId":"pkc_none","name":12,"credential":{}}""", "name"),
            ("""{"challengeId":"pkc_none","credential":{"type":"public-key","response":{}}}""", "credential")),
        ["ListPasskeys"] = new(null),
        ["RenamePasskey"] = new("""{"name":"Laptop"}""",
            ("""{"name":12}""", "name"),
            ("""{}""", "name")),
        // The right password: an odd id must be judged (404), not the password.
        ["RemovePasskey"] = new($$"""{"password":"{{Api.Password}}"}""",
            ("""{"password":12}""", "password"),
            ("""{}""", "password")),
        ["PasskeySignInOptions"] = new("""{"login":"{username}"}""",
            ("""{"login":12}""", "login")),
        ["VerifyPasskeySignIn"] = new("""{"challengeId":"pkc_none","credential":{"type":"public-key"},"portal":"employee"}""",
            ("""{"challengeId":12,"credential":{},"portal":"employee"}""", "challengeId"),
            ("""{"challengeId":"pkc_none","portal":"employee"}""", "credential"),
            ("""{"challengeId":"pkc_none","credential":"text","portal":"employee"}""", "credential"),
            ("""{"challengeId":"pkc_none","credential":{"type":"public-key"},"portal":"nope"}""", "portal"),
            ("""{"challengeId":"pkc_none","credential":{"type":"public-key"}}""", "portal"),
            ("""{"challengeId":"pkc_none","credential":{"type":"public-key"},"portal":"employee","appVersion":"three"}""", "appVersion"),
            ("""{"challengeId":"pkc_none","credential":{"type":"public-key","response":{}},"portal":"employee"}""", "credential")),
        ["MergeUser"] = new("""{"intoUserId":"{userId}"}""",
            ("""{"intoUserId":12}""", "intoUserId"),
            ("""{}""", "intoUserId"),
            ("""{"intoUserId":"usr_doesnotexist0000"}""", "intoUserId")),
        ["DiagnoseUser"] = new(null),
        ["ReleaseEmail"] = new("""{"email":"someone-else@example.com"}""",
            ("""{"email":12}""", "email"),
            ("""{}""", "email"),
            ("""{"email":"someone-else@example.com"}""", "email")),
        ["BillingWebhook"] = new("""{"id":"evt_garbage","type":"invoice.paid","organizationId":"{orgId}","invoiceId":"inv_garbage","occurredAt":"2026-11-20T10:00:00Z"}""",
            ("""{"id":12,"type":"invoice.paid","organizationId":"{orgId}","invoiceId":"inv_1","occurredAt":"2026-11-20T10:00:00Z"}""", "id"),
            ("""{"id":"evt_1","type":"invoice.refunded","organizationId":"{orgId}","invoiceId":"inv_1","occurredAt":"2026-11-20T10:00:00Z"}""", "type"),
            ("""{"id":"evt_1","type":"invoice.paid","invoiceId":"inv_1","occurredAt":"2026-11-20T10:00:00Z"}""", "organizationId"),
            ("""{"id":"evt_1","type":"invoice.paid","organizationId":"{orgId}","invoiceId":null,"occurredAt":"2026-11-20T10:00:00Z"}""", "invoiceId"),
            ("""{"id":"evt_1","type":"invoice.paid","organizationId":"{orgId}","invoiceId":"inv_1","occurredAt":"yesterday"}""", "occurredAt")),
        ["SendWelcomeKit"] = new(null),
        ["SendWelcomeKits"] = new("""{"userIds":["{userId}"]}""",
            ("""{"userIds":"{userId}"}""", "userIds"),
            ("""{"userIds":[null]}""", "userIds"),
            ("""{"userIds":[12]}""", "userIds"),
            ("""{"userIds":{}}""", "userIds")),
    };

    /// <summary>The routes that act on the caller's own account: the operator key is no account, so they get the user's token.</summary>
    private static readonly HashSet<string> HolderRoutes =
    [
        "ChangePassword", "BeginTotpEnrollment", "ConfirmTotpEnrollment", "SetTwoFactorPhone", "ConfirmTwoFactorPhone", "DisableTwoFactor",
        "BeginPasskeyRegistration", "RegisterPasskey", "ListPasskeys", "RenamePasskey", "RemovePasskey",
    ];

    private static readonly string[] GarbageKinds = ["malformed_json", "array", "bare_number", "wrong_content_type", "over_64_kib", "truncated_utf8"];

    private static readonly string[] OddIds = [NoSuchUser, "a%2Fb", "it's", "..%2F..%2Fetc", new string('x', 1000), "usr_" + new string('a', 300)];

    private readonly Api api = fixture.Api;

    public static TheoryData<string, string> EveryBodyRouteAndGarbage()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in MappedRoutes.All.Where(r => r.ReadsBody))
        {
            foreach (var kind in GarbageKinds)
            {
                data.Add(route.Name, kind);
            }
        }

        return data;
    }

    public static TheoryData<string, string, string> EveryFieldAtFault()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (name, spec) in Specs)
        {
            foreach (var (body, field) in spec.FieldsAtFault)
            {
                data.Add(name, body, field);
            }
        }

        return data;
    }

    public static TheoryData<string, string> EveryRouteWithAnIdAndOddIds()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in MappedRoutes.All.Where(r => r.Template.Contains('{', StringComparison.Ordinal)))
        {
            foreach (var id in OddIds)
            {
                data.Add(route.Name, id);
            }
        }

        return data;
    }

    [Fact]
    public void The_list_of_routes_here_is_every_route_the_app_maps()
    {
        var mapped = MappedRoutes.All.Select(r => r.Name).Distinct().Order().ToList();

        Assert.Equal(mapped, Specs.Keys.Order().ToList());
        Assert.All(MappedRoutes.All, r => Assert.True(r.ReadsBody == Specs[r.Name].ValidBody is not null, $"{r.Name}: reads a body = {r.ReadsBody}"));
    }

    [Theory]
    [MemberData(nameof(EveryBodyRouteAndGarbage))]
    public async Task An_unreadable_body_is_invalid_request_and_changes_nothing(string function, string garbage)
    {
        var target = await ArrangeAsync(signedIn: HolderRoutes.Contains(function));
        var route = RouteOf(function);
        var before = await SnapshotAsync(target);
        var request = new HttpRequestMessage(new HttpMethod(route.Method), target.Fill(route.Template)) { Content = Garbage(garbage, target.Fill(Specs[function].ValidBody!)) };
        Authorize(request, target);
        await SignIfWebhookAsync(function, request);

        var reply = await api.SendAsync(request);

        reply.ShouldBeInvalidRequest();
        Assert.Equal(before, await SnapshotAsync(target));
    }

    [Theory]
    [MemberData(nameof(EveryFieldAtFault))]
    public async Task A_field_of_the_wrong_type_or_value_is_named_and_changes_nothing(string function, string body, string field)
    {
        var target = await ArrangeAsync(signedIn: HolderRoutes.Contains(function));
        var route = RouteOf(function);
        var before = await SnapshotAsync(target);

        var request = new HttpRequestMessage(new HttpMethod(route.Method), target.Fill(route.Template)) { Content = Json(target.Fill(body)) };
        Authorize(request, target);
        await SignIfWebhookAsync(function, request);

        var reply = await api.SendAsync(request);

        reply.ShouldBeInvalidRequest(field);
        Assert.Equal(before, await SnapshotAsync(target));
    }

    [Theory]
    [MemberData(nameof(EveryRouteWithAnIdAndOddIds))]
    public async Task An_id_that_does_not_exist_or_holds_odd_characters_is_a_4xx_envelope_and_changes_nothing(string function, string id)
    {
        var target = await ArrangeAsync(signedIn: HolderRoutes.Contains(function));
        var route = RouteOf(function);
        var before = await SnapshotAsync(target);
        var path = route.Template.Replace("{orgId}", id == NoSuchUser ? NoSuchOrganization : id, StringComparison.Ordinal).Replace("{userId}", id, StringComparison.Ordinal)
            .Replace("{passkeyId}", id, StringComparison.Ordinal).Replace("{requestId}", id, StringComparison.Ordinal);
        var body = Specs[function].ValidBody is { } valid ? target.Fill(valid) : null;

        var reply = await api.SendAsync(new HttpMethod(route.Method), path, body, bearer: target.Token, asOperator: target.Token is null);

        reply.ShouldBeClientErrorEnvelope();
        if (id == NoSuchUser)
        {
            reply.ShouldBeError(HttpStatusCode.NotFound, "not_found");
        }

        Assert.Equal(before, await SnapshotAsync(target));
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_envelope()
    {
        var reply = await api.SendAsync(HttpMethod.Get, "/api/nothing-here", asOperator: true);

        reply.ShouldBeError(HttpStatusCode.NotFound, "not_found").ShouldBeClientErrorEnvelope();
    }

    [Fact]
    public async Task A_method_the_route_does_not_take_is_a_405_envelope()
    {
        var reply = await api.SendAsync(HttpMethod.Delete, "/api/organizations", asOperator: true);

        reply.ShouldBeClientErrorEnvelope().ShouldBe(HttpStatusCode.MethodNotAllowed);
    }

    /// <summary>The billing webhook checks its signature before it reads the body: sign the garbage so the body is what gets judged.</summary>
    private static async Task SignIfWebhookAsync(string function, HttpRequestMessage request)
    {
        if (function == "BillingWebhook" && request.Content is { } content)
        {
            var bytes = await content.ReadAsByteArrayAsync();
            request.Headers.Add("X-Billing-Signature", Core.Billing.BillingSignature.Sign(RunningApp.BillingSecret, DateTimeOffset.UtcNow, bytes));
        }
    }

    private static MappedRoute RouteOf(string function) => MappedRoutes.All.First(r => r.Name == function);

    private static HttpContent Garbage(string kind, string validBody) => kind switch
    {
        "malformed_json" => Json("{\"name\": \"unterminated"),
        "array" => Json("[1, 2, 3]"),
        "bare_number" => Json("42"),
        "wrong_content_type" => new StringContent(validBody, Encoding.UTF8, "text/plain"),
        "over_64_kib" => Json("{\"name\":\"" + new string('x', 70 * 1024) + "\"}"),
        "truncated_utf8" => new ByteArrayContent([(byte)'{', (byte)'"', 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}'])
        {
            Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>
    /// An organization with a unit and a member pending activation (no password: no hash work), ids to aim at; or, for the
    /// routes on one's own account, a member signed in (its token).
    /// </summary>
    private async Task<Target> ArrangeAsync(bool signedIn = false)
    {
        var organizationId = await api.CreateOrganizationAsync();
        var unitId = await api.CreateUnitAsync(organizationId);
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: signedIn ? Api.Password : null);
        return new Target(organizationId, unitId, user, signedIn ? await api.TokenAsync(user.Username, "employee") : null);
    }

    /// <summary>The operator key, or the signed-in member's token on the routes that act on one's own account.</summary>
    private static void Authorize(HttpRequestMessage request, Target target)
    {
        if (target.Token is { } token)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        else
        {
            request.Headers.Add("X-Operator-Key", RunningApp.OperatorKey);
        }
    }

    /// <summary>The organization, the user and the user's audit trail as the operator sees them.</summary>
    private async Task<string> SnapshotAsync(Target target)
    {
        var organization = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{target.OrganizationId}", asOperator: true);
        var user = await api.SendAsync(HttpMethod.Get, $"/api/users/{target.User.Id}", asOperator: true);
        var events = await api.SendAsync(HttpMethod.Get, $"/api/users/{target.User.Id}/events", asOperator: true);
        organization.ShouldBe(HttpStatusCode.OK);
        user.ShouldBe(HttpStatusCode.OK);
        events.ShouldBe(HttpStatusCode.OK);
        return string.Join("\n", organization.Body, user.Body, events.Body);
    }

    private sealed record RouteSpec(string? ValidBody, params (string Body, string Field)[] FieldsAtFault);

    private sealed record Target(string OrganizationId, string UnitId, TestUser User, string? Token = null)
    {
        public string Fill(string text) => text
            .Replace("{orgId}", OrganizationId, StringComparison.Ordinal)
            .Replace("{userId}", User.Id, StringComparison.Ordinal)
            .Replace("{unitId}", UnitId, StringComparison.Ordinal)
            .Replace("{username}", User.Username, StringComparison.Ordinal);
    }
}
