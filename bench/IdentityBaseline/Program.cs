using IdentityBaseline;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

// A minimal ASP.NET Core Identity + EF Core SQLite app with one login endpoint, for the side-by-side sign-in benchmark
// (bench/README.md §6). It answers the routes the load driver speaks: GET /api/health, POST /api/auth/login, and a
// seeding route standing in for AccountAccess's provisioning.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var database = builder.Configuration["Baseline:Database"] ?? Path.Combine(Path.GetTempPath(), "identity-baseline.db");
builder.Services.AddDbContext<BaselineDb>(db => db.UseSqlite($"Data Source={database}"));
// The same hash as AccountAccess (PasswordHashing): Identity's V3 format, PBKDF2-HMAC-SHA512, 210,000 iterations.
builder.Services.Configure<PasswordHasherOptions>(hasher => hasher.IterationCount = 210_000);
builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
builder.Services
    .AddIdentityCore<IdentityUser>(identity =>
    {
        // Lockout on, at AccountAccess's threshold (its highest, 20, unless the run says otherwise: the many-IP attack uses
        // the policy's default, 6), so that a wrong password costs what it costs there.
        identity.Lockout.AllowedForNewUsers = true;
        identity.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Baseline:MaxFailedAccessAttempts", 20);
        identity.User.RequireUniqueEmail = false;
    })
    .AddEntityFrameworkStores<BaselineDb>()
    .AddSignInManager();

var app = builder.Build();
using (var scope = app.Services.CreateScope())
{
    var db = scope.ServiceProvider.GetRequiredService<BaselineDb>();
    db.Database.EnsureDeleted();
    db.Database.EnsureCreated();
    // Readers do not wait for the writer (the failed-attempt counter): what a production SQLite setup would use.
    db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
}

app.MapGet("/api/health", () => Results.Ok(new { status = "ok" }));

// One hash for every seeded user (each would otherwise cost 80 ms of CPU to create): verification costs the same.
app.MapPost("/api/bench/users", async (SeedBody body, BaselineDb db, IPasswordHasher<IdentityUser> hasher, ILookupNormalizer normalizer) =>
{
    var hash = hasher.HashPassword(new IdentityUser(), body.Password);
    db.Users.AddRange(body.Logins.Select(login => new IdentityUser(login)
    {
        NormalizedUserName = normalizer.NormalizeName(login),
        PasswordHash = hash,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        LockoutEnabled = true,
    }));
    await db.SaveChangesAsync();
    return Results.Ok(new { created = body.Logins.Count });
});

app.MapPost("/api/auth/login", async (LoginBody body, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn) =>
{
    var user = await users.FindByNameAsync(body.Login);
    if (user is null)
    {
        return Results.Json(new { error = new { code = "invalid_credentials" } }, statusCode: StatusCodes.Status401Unauthorized);
    }

    var result = await signIn.CheckPasswordSignInAsync(user, body.Password, lockoutOnFailure: true);
    return result.Succeeded
        // No token is issued: the baseline is the password check alone (AccountAccess also signs an access token).
        ? Results.Ok(new { status = "ok", accessToken = (string?)null })
        : result.IsLockedOut
            ? Results.Json(new { error = new { code = "account_deactivated" } }, statusCode: StatusCodes.Status403Forbidden)
            : Results.Json(new { error = new { code = "invalid_credentials" } }, statusCode: StatusCodes.Status401Unauthorized);
});

app.Run();

// `portal` is accepted and ignored: the driver sends the body AccountAccess takes.
internal sealed record LoginBody(string Login, string Password, string? Portal);

internal sealed record SeedBody(IReadOnlyList<string> Logins, string Password);
