using System.Text;
using System.Text.Json.Nodes;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>
/// What a unit test of the HTTP side needs without a host: a <see cref="DefaultHttpContext"/> whose services hold the
/// contract's JSON and authentication, the pipeline built over in-memory users, and the answer read back.
/// </summary>
public sealed class UnitHttp
{
    public const string OperatorKeyValue = "unit-operator-key";

    public UnitHttp(int signInsPerMinute = 1000)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs));
        services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        Services = services.BuildServiceProvider();
        var callers = new CallerResolver(new OperatorKey(new OperatorOptions { ApiKey = OperatorKeyValue }), Users, TimeProvider.System, new SupportTeam());
        var holders = new AccountHolderResolver(callers, new RestrictedTokens(SigningKeys.FromPem([TestSigningKeys.AppKey]), new AuthOptions { Issuer = "http://localhost:7071" }, TimeProvider.System), Users, TimeProvider.System);
        Pipeline = new HttpFunctionPipeline(
            new RouteAuthorization(callers, holders, Users),
            new SignInRateLimiter(new RateLimitOptions { SignInPerIpPerMinute = signInsPerMinute }),
            new DiagnosticsOptions(),
            Services.GetRequiredService<IOptions<JsonOptions>>(),
            Services.GetRequiredService<ILogger<HttpFunctionPipeline>>());
    }

    public RecordingLoggerProvider Logs { get; } = new();

    public InMemoryUserStore Users { get; } = new();

    public ServiceProvider Services { get; }

    public HttpFunctionPipeline Pipeline { get; }

    public DefaultHttpContext Request(string method = "POST", string? json = null, string? contentType = "application/json", bool asOperator = false, string? language = null, byte[]? rawBody = null)
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        http.Request.Method = method;
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("203.0.113.9");
        var body = rawBody ?? (json is null ? null : Encoding.UTF8.GetBytes(json));
        if (body is not null)
        {
            http.Request.Body = new MemoryStream(body);
            http.Request.ContentLength = body.Length;
            http.Request.ContentType = contentType;
        }

        if (asOperator)
        {
            http.Request.Headers[OperatorKey.Header] = OperatorKeyValue;
        }

        if (language is not null)
        {
            http.Request.Headers.AcceptLanguage = language;
        }

        http.Response.Body = new MemoryStream();
        return http;
    }

    /// <summary>Writes <paramref name="result"/> as a host would, and reads the answer back.</summary>
    public static async Task<Answer> WriteAsync(IResult result, HttpContext http)
    {
        await result.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        var text = await new StreamReader(http.Response.Body).ReadToEndAsync();
        return new Answer(http.Response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null, http.Response.Headers);
    }

    public sealed record Answer(int Status, JsonNode? Json, IHeaderDictionary Headers)
    {
        public string? ErrorCode => Json?["error"]?["code"]?.GetValue<string>();

        public string? Field => Json?["error"]?["details"]?["field"]?.GetValue<string>();

        public string? Message => Json?["error"]?["message"]?.GetValue<string>();
    }
}

/// <summary>Keeps every log entry, so a test can see that a bug was logged.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    public List<(LogLevel Level, string Category, Exception? Exception)> Entries { get; } = [];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (provider.Entries)
            {
                provider.Entries.Add((logLevel, category, exception));
            }
        }
    }
}
