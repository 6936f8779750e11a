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
}
