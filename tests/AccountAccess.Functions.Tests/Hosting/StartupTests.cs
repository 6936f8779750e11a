using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Hosting;

/// <summary>Settings the app refuses at start-up: it exits before listening, naming the setting at fault.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task The_app_refuses_to_start_with_a_reactivation_delay_over_48_hours_naming_the_setting()
    {
        StandaloneProcess? started = null;
        InvalidOperationException? failure = null;
        try
        {
            // No storage is needed: the setting is checked before anything else starts.
            started = await StandaloneProcess.StartAsync(new Dictionary<string, string?> { ["Billing__ReactivationDelay"] = "3.00:00:00" });
        }
        catch (InvalidOperationException startFailure)
        {
            failure = startFailure;
        }
        finally
        {
            started?.Dispose();
        }

        Assert.NotNull(failure);
        Assert.Contains("exited", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Billing:ReactivationDelay", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_refuses_to_send_email_in_clear_to_a_host_that_is_not_loopback()
    {
        StandaloneProcess? started = null;
        InvalidOperationException? failure = null;
        try
        {
            started = await StandaloneProcess.StartAsync(new Dictionary<string, string?>
            {
                ["Email__Smtp__Host"] = "smtp.example.com",
                ["Email__Smtp__Security"] = "None",
            });
        }
        catch (InvalidOperationException startFailure)
        {
            failure = startFailure;
        }
        finally
        {
            started?.Dispose();
        }

        Assert.NotNull(failure);
        Assert.Contains("exited", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Email:Smtp:Security is None", failure.Message, StringComparison.Ordinal);
    }
    [Fact]
    public async Task In_production_the_app_refuses_to_start_without_token_signing_keys_naming_the_setting()
    {
        StandaloneProcess? started = null;
        InvalidOperationException? failure = null;
        try
        {
            started = await StandaloneProcess.StartAsync(new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Auth__SigningKeys__0"] = "",
                ["TwoFactor__EncryptionKey"] = Convert.ToBase64String(new byte[32]),
            });
        }
        catch (InvalidOperationException startFailure)
        {
            failure = startFailure;
        }
        finally
        {
            started?.Dispose();
        }

        Assert.NotNull(failure);
        Assert.Contains("Auth:SigningKeys is required in Production", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retired_HS256_signing_key_is_ignored_with_a_warning_naming_its_replacement()
    {
        using var started = await StandaloneProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Auth__SigningKey"] = Convert.ToBase64String(new byte[32]),
            ["Storage__ConnectionString"] = (await AccountAccess.Testing.AzuriteServer.SharedAsync()).ConnectionString,
        });

        await Eventually.TrueAsync(() => Task.FromResult(started.Output.Contains("Auth:SigningKey is retired and ignored", StringComparison.Ordinal)));
        Assert.Contains("Auth:SigningKeys (ES256)", started.Output, StringComparison.Ordinal);
    }
}
