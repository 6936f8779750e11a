using System.Diagnostics;
using System.Globalization;
using System.Text;
using AccountAccess.Functions.Hosting;
using AccountAccess.StandaloneHost;
using AccountAccess.StandaloneHost.Durable;
using Azure.Storage.Queues;
using DurableTimers;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// N (--orchestrations) instances of a bench-only orchestration of the reset-link shape, whose durable timers all fall
// due at the same instant T, run by the app's own durable engine wiring (TaskHub from host.json, the standalone host's
// DurableTaskHost over DTFx's Azure Storage provider) against Azurite: time from T until every activity has run,
// duplicates, instances not completed, CPU of Azurite and of this process, storage requests per orchestration.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;
var loadAtLaunch = LoadAverage();
using var requests = options.CountRequests ? new StorageRequests() : null;

// 1. Storage: an in-memory Azurite of our own, or the one given.
Azurite? azurite = null;
string connectionString;
string storageDescription;
if (options.ConnectionString is { } given)
{
    connectionString = given;
    storageDescription = "given connection string";
}
else
{
    var executable = options.AzuritePath ?? FindAzurite();
    Log($"Starting Azurite (in memory): {executable}");
    azurite = await Azurite.StartAsync(executable, ct);
    connectionString = azurite.ConnectionString;
    storageDescription = azurite.Description;
    Log($"  {storageDescription}");
}

try
{
    return await RunAsync();
}
finally
{
    if (azurite is not null)
    {
        await azurite.DisposeAsync();
    }
}

async Task<int> RunAsync()
{
    // 2. The app's durable pieces as the standalone host composes them (AccountAccessServices + Standalone), with the
    // bench's functions in the catalogue instead of the app's: host.json beside this program (the build copies the
    // app's), its durableTask section overridable with --set or AzureFunctionsJobHost__extensions__durableTask__… .
    var runId = Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant();
    var settings = new Dictionary<string, string?>
    {
        [AppSettingDefaults.StorageConnection] = connectionString,
        ["DurableTask:HubName"] = $"Bench{runId}",
    };
    foreach (var (name, value) in options.Settings)
    {
        settings[$"AzureFunctionsJobHost:extensions:durableTask:{name}"] = value;
    }

    var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(settings).Build();
    var logs = new CountingLoggerProvider();
    var services = new ServiceCollection();
    services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddProvider(logs));
    services.AddSingleton<IConfiguration>(configuration);
    services.AddSingleton(DurableTaskHubSettings.Load(AppContext.BaseDirectory, configuration));
    services.AddSingleton<AppSettings>();
    services.AddSingleton<TaskHub>();
    services.AddSingleton<TaskHubClient>();
    services.AddSingleton(new FunctionCatalogue(typeof(BenchTimerOrchestrator).Assembly));
    services.AddSingleton<FunctionInvoker>();
    services.AddSingleton<DurableTaskHost>();
    services.AddSingleton(TimeProvider.System);
    services.AddSingleton<BenchTimerProgress>();

    await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    var hub = provider.GetRequiredService<TaskHub>();
    var hubSettings = provider.GetRequiredService<DurableTaskHubSettings>();
    var client = provider.GetRequiredService<TaskHubClient>();
    var progress = provider.GetRequiredService<BenchTimerProgress>();
    var engine = provider.GetRequiredService<DurableTaskHost>();
    requests?.ForHub(hub.Name);
    Log($"Task hub {hub.Name}: {hubSettings}");

    // 3. The hub created and the engine started, then a few instances run end to end (their timers due at once), so the
    // measured ones find the engine up, its partitions owned and the JIT warm.
    await hub.EnsureCreatedAsync();
    await engine.StartAsync(ct);
    try
    {
        if (options.Warmup > 0)
        {
            var warmupWatch = Stopwatch.StartNew();
            var warmupIds = Enumerable.Range(0, options.Warmup).Select(i => $"bench-warmup:{runId}:{i:D3}").ToArray();
            foreach (var id in warmupIds)
            {
                await client.ScheduleNewOrchestrationInstanceAsync(BenchTimerOrchestrator.Name, new BenchTimerInput(DateTimeOffset.UtcNow), new StartOrchestrationOptions(id), ct);
            }

            while (warmupIds.Any(id => !progress.CompletedAt.ContainsKey(id)))
            {
                if (warmupWatch.Elapsed > TimeSpan.FromSeconds(120))
                {
                    Log($"Warm-up: {warmupIds.Count(progress.CompletedAt.ContainsKey)} of {options.Warmup} instances completed in 120 s; the engine is not running them. {logs.Warnings} warnings, {logs.Errors} errors.");
                    PrintLogs(logs, requests);
                    return 1;
                }

                await Task.Delay(50, ct);
            }

            Log($"Warm-up: {options.Warmup} instances run end to end in {warmupWatch.Elapsed.TotalSeconds:0.0} s");
        }

        return await MeasureAsync(runId, hub, hubSettings, client, progress, logs);
    }
    finally
    {
        await engine.StopAsync(CancellationToken.None);
    }
}

async Task<int> MeasureAsync(string runId, TaskHub hub, DurableTaskHubSettings hubSettings, TaskHubClient client, BenchTimerProgress progress, CountingLoggerProvider logs)
{
    var n = options.Orchestrations;
    var prefix = $"bench-timer:{runId}:";
    var ids = Enumerable.Range(0, n).Select(i => $"{prefix}{i:D6}").ToArray();

    // 4. Start N instances, all due at T: the client's calls, then the engine's first episode of each (timer set).
    var requestsAtStart = requests?.Snapshot();
    var startBegan = DateTimeOffset.UtcNow;
    var due = startBegan + options.EffectiveLead;
    var input = new BenchTimerInput(due);
    var startErrors = 0;
    string? firstStartError = null;
    Log($"Starting {n} instances of {BenchTimerOrchestrator.Name}, {options.StartConcurrency} at a time, all due at T = {due:HH:mm:ss.fff}Z ...");
    var startWatch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = options.StartConcurrency, CancellationToken = ct }, async (id, token) =>
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(BenchTimerOrchestrator.Name, input, new StartOrchestrationOptions(id), token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (Interlocked.Increment(ref startErrors) == 1)
            {
                firstStartError = $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
            }
        }
    });
    var clientSeconds = startWatch.Elapsed.TotalSeconds;
    Log($"  client: {n} started in {clientSeconds:0.0} s = {n / clientSeconds:0} starts/s, {startErrors} errors{(firstStartError is null ? "" : $" (first: {firstStartError})")}");
    while (ids.Count(progress.TimerSetAt.ContainsKey) < n - startErrors && DateTimeOffset.UtcNow < due - options.Margin)
    {
        await Task.Delay(50, ct);
    }

    var timersSet = ids.Count(progress.TimerSetAt.ContainsKey);
    var lastSet = ids.Where(progress.TimerSetAt.ContainsKey).Select(id => progress.TimerSetAt[id]).DefaultIfEmpty(startBegan).Max();
    var setSeconds = (lastSet - startBegan).TotalSeconds;
    var requestsStarting = requests is null ? null : StorageRequests.Between(requestsAtStart!, requests.Snapshot());
    Log($"  engine: {timersSet} timers set {setSeconds:0.0} s after the first start = {timersSet / setSeconds:0} instances/s");
    if (timersSet < n || startErrors > 0)
    {
        Log($"Only {timersSet} of {n} timers were set {options.Margin.TotalSeconds} s before T ({startErrors} start errors): not every timer was waiting at T. Raise --lead.");
        PrintLogs(logs, requests);
        return 1;
    }

    // 5. From T until every activity has run and every instance has completed (or the timeout).
    Log($"Waiting {(due - DateTimeOffset.UtcNow).TotalSeconds:0.0} s for T ...");
    await Task.Delay(due - DateTimeOffset.UtcNow, ct);
    var loadAtT = LoadAverage();
    var cpuAtT = Cpu();
    var requestsAtT = requests?.Snapshot();
    var deadline = due + options.Timeout;
    var nextProgress = due + TimeSpan.FromSeconds(5);
    var cpuProgress = cpuAtT;
    (double Bench, double Azurite)? cpuAllRan = null;
    IReadOnlyDictionary<string, long>? requestsAllRan = null;
    string? loadAllRan = null;
    DateTimeOffset? allRanSeen = null;
    int Ran() => ids.Count(progress.ActivityFirstRanAt.ContainsKey);
    int Completed() => ids.Count(progress.CompletedAt.ContainsKey);
    while (DateTimeOffset.UtcNow < deadline)
    {
        await Task.Delay(50, ct);
        var ran = progress.ActivityFirstRanAt.Count >= n + options.Warmup ? Ran() : -1;
        if (ran == n && cpuAllRan is null)
        {
            cpuAllRan = Cpu();
            requestsAllRan = requests?.Snapshot();
            loadAllRan = LoadAverage();
            allRanSeen = DateTimeOffset.UtcNow;
        }

        if (cpuAllRan is not null && progress.CompletedAt.Count >= n + options.Warmup && Completed() == n)
        {
            break;
        }

        if (DateTimeOffset.UtcNow >= nextProgress)
        {
            var cpuNow = Cpu();
            Log($"  T+{(DateTimeOffset.UtcNow - due).TotalSeconds:0}s: timers fired {ids.Count(progress.TimerFiredAt.ContainsKey)}, activities ran {Ran()}, completed {Completed()};"
                + $" last 5 s cpu: bench {(cpuNow.Bench - cpuProgress.Bench) / 5 * 100:0} %, azurite {(cpuNow.Azurite - cpuProgress.Azurite) / 5 * 100:0} % of a core,"
                + $" {azurite?.ResidentMegabytes():0} MB; {logs.Warnings} warnings, {logs.Errors} errors; load {LoadAverage()}");
            cpuProgress = cpuNow;
            if (azurite is { HasExited: true })
            {
                Log(azurite.Obituary());
                return 1;
            }

            nextProgress += TimeSpan.FromSeconds(5);
        }
    }

    var cpuEnd = Cpu();
    var requestsEnd = requests?.Snapshot();
    var loadEnd = LoadAverage();
    var endSeen = DateTimeOffset.UtcNow;

    // 6. Until the hub's queues are empty, so a late redelivery (a duplicate) would still be seen: a message left in a
    // queue is work the engine would do again.
    var queueNames = Enumerable.Range(0, hubSettings.PartitionCount).Select(p => $"{hub.Name.ToLowerInvariant()}-control-{p:D2}")
        .Append($"{hub.Name.ToLowerInvariant()}-workitems").ToArray();
    var queues = new QueueServiceClient(connectionString);
    var drainWatch = Stopwatch.StartNew();
    long left = -1;
    while (true)
    {
        left = 0;
        foreach (var name in queueNames)
        {
            left += (await queues.GetQueueClient(name).GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
        }

        if (left == 0 || drainWatch.Elapsed > options.DrainTimeout)
        {
            break;
        }

        await Task.Delay(500, ct);
    }

    // 7. What the task hub says: every instance completed with the activity's outcome, as the operators' API reads it.
    var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
    var ranOutcome = 0;
    await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 1000, FetchInputsAndOutputs = true }).WithCancellation(ct))
    {
        var status = instance.RuntimeStatus.ToString();
        statuses[status] = statuses.GetValueOrDefault(status) + 1;
        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && instance.ReadOutputAs<string>() == "ran")
        {
            ranOutcome++;
        }
    }

    var completedInHub = statuses.GetValueOrDefault(nameof(OrchestrationRuntimeStatus.Completed));
    var lost = n - completedInHub;

    // 8. Figures.
    var ranTimes = ids.Where(progress.ActivityFirstRanAt.ContainsKey).Select(id => (progress.ActivityFirstRanAt[id] - due).TotalSeconds).Order().ToArray();
    var ranInTime = ranTimes.Count(t => t <= options.Timeout.TotalSeconds);
    var firedTimes = ids.Where(progress.TimerFiredAt.ContainsKey).Select(id => (progress.TimerFiredAt[id] - due).TotalSeconds).Order().ToArray();
    var completedTimes = ids.Where(progress.CompletedAt.ContainsKey).Select(id => (progress.CompletedAt[id] - due).TotalSeconds).Order().ToArray();
    var allRan = ranTimes.Length == n;
    var allCompleted = completedTimes.Length == n;
    var lastRan = ranTimes.Length > 0 ? ranTimes[^1] : double.NaN;
    var duplicates = ids.Count(id => progress.ActivityRuns.GetValueOrDefault(id) > 1);
    var extraRuns = ids.Sum(id => Math.Max(0, progress.ActivityRuns.GetValueOrDefault(id) - 1));
    var ranWindow = allRan ? lastRan : options.Timeout.TotalSeconds;
    var cpuRan = cpuAllRan is { } r ? (Bench: r.Bench - cpuAtT.Bench, Azurite: r.Azurite - cpuAtT.Azurite) : (Bench: cpuEnd.Bench - cpuAtT.Bench, Azurite: cpuEnd.Azurite - cpuAtT.Azurite);
    var cpuAll = (Bench: cpuEnd.Bench - cpuAtT.Bench, Azurite: cpuEnd.Azurite - cpuAtT.Azurite);
    var endWindow = (endSeen - due).TotalSeconds;
    var cores = Environment.ProcessorCount;

    var summary = new StringBuilder();
    summary.AppendLine("===== durable timers summary =====");
    summary.AppendLine($"date          {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z");
    summary.AppendLine($"machine       {cores} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}");
    summary.AppendLine($"storage       {storageDescription}");
    summary.AppendLine($"engine        DTFx TaskHubWorker over AzureStorageOrchestrationService (the app's TaskHub + DurableTaskHost), task hub {hub.Name}");
    summary.AppendLine($"settings      {Describe(hubSettings)}{(options.Settings.Count > 0 ? $" (--set {string.Join(' ', options.Settings.Select(s => $"{s.Key}={s.Value}"))})" : "")}");
    summary.AppendLine($"orchestrations {n} instances of {BenchTimerOrchestrator.Name} (timer raced against an external event, then one activity), all due at T = {due:HH:mm:ss.fff}Z");
    summary.AppendLine($"starting      client {clientSeconds:0.0} s = {n / clientSeconds:0} starts/s ({options.StartConcurrency} concurrent ScheduleNewOrchestrationInstanceAsync), {startErrors} errors;"
        + $" every timer set {setSeconds:0.0} s after the first start = {n / setSeconds:0} instances/s, {(due - lastSet).TotalSeconds:0.0} s before T");
    if (requestsStarting is not null)
    {
        summary.AppendLine($"              storage requests per instance started: {StorageRequests.Requests(requestsStarting) / (double)n:0.00} ({StorageRequests.Describe(requestsStarting, n)})");
    }

    summary.AppendLine(allRan
        ? $"all ran       every activity ran {lastRan:0.00} s after T = {n / lastRan:0} orchestrations/s from T (the first at T{ranTimes[0]:+0.00;-0.00} s)"
        : $"NOT ALL RAN   {ranInTime} of {n} activities ran within {options.Timeout.TotalSeconds:0} s of T ({ranTimes.Length} by the end of the wait for the queues; the figures below are of those)");
    summary.AppendLine($"target        all {n} within 60 s of T, none lost: {(allRan && lastRan <= 60 && lost == 0 ? "met" : "NOT met")}");
    if (ranTimes.Length > 0)
    {
        summary.AppendLine($"lateness s    activity run   p50 {Percentile(ranTimes, 50):0.00}  p90 {Percentile(ranTimes, 90):0.00}  p99 {Percentile(ranTimes, 99):0.00}  max {lastRan:0.00}");
    }

    if (firedTimes.Length > 0)
    {
        summary.AppendLine($"              timer fired    p50 {Percentile(firedTimes, 50):0.00}  p90 {Percentile(firedTimes, 90):0.00}  p99 {Percentile(firedTimes, 99):0.00}  max {firedTimes[^1]:0.00}  (the orchestrator saw it: first episode after T)");
    }

    if (completedTimes.Length > 0)
    {
        summary.AppendLine($"              completed      p50 {Percentile(completedTimes, 50):0.00}  p90 {Percentile(completedTimes, 90):0.00}  p99 {Percentile(completedTimes, 99):0.00}  max {completedTimes[^1]:0.00}  (the orchestrator saw the activity's result)");
        summary.AppendLine($"per 5 s       activities run: {Histogram(ranTimes)}");
    }

    summary.AppendLine($"duplicates    {duplicates} activities ran more than once ({extraRuns} extra runs); orchestrator episodes executed again: {progress.TimerSetRepeats} first, {progress.TimerFiredRepeats} timer-fired");
    summary.AppendLine($"lost          {lost} instances not completed ({string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))} in the hub; {ranOutcome} with output 'ran'); {n - ranTimes.Length} activities never ran");
    summary.AppendLine($"queues        {(left == 0 ? "empty" : $"{left} messages left")} {drainWatch.Elapsed.TotalSeconds:0.0} s after the end; engine logged {logs.Warnings} warnings, {logs.Errors} errors");
    summary.AppendLine($"cpu           T to the last activity ({ranWindow:0.0} s): azurite {cpuRan.Azurite:0.0} s = {cpuRan.Azurite / ranWindow * 100:0} % of a core, bench {cpuRan.Bench:0.0} s = {cpuRan.Bench / ranWindow * 100:0} % of a core"
        + $" ({cpuRan.Azurite * 1000 / n:0.00} + {cpuRan.Bench * 1000 / n:0.00} ms per orchestration; {(cpuRan.Azurite + cpuRan.Bench) / (ranWindow * cores) * 100:0} % of the {cores} cores)");
    summary.AppendLine($"              T to the last completion ({endWindow:0.0} s): azurite {cpuAll.Azurite:0.0} s, bench {cpuAll.Bench:0.0} s ({cpuAll.Azurite * 1000 / n:0.00} + {cpuAll.Bench * 1000 / n:0.00} ms per orchestration)");
    if (requestsAtT is not null && requestsEnd is not null)
    {
        var fromT = StorageRequests.Between(requestsAtT, requestsEnd);
        summary.AppendLine($"storage       requests per orchestration from T to the last completion: {StorageRequests.Requests(fromT) / (double)n:0.00} ({StorageRequests.Describe(fromT, n)})");
        summary.AppendLine($"azure sdk     from T: {StorageRequests.DescribeEvents(fromT)}");
    }

    summary.AppendLine($"load average  {loadAtLaunch} at launch, {loadAtT} at T, {loadAllRan ?? "?"} at the last activity, {loadEnd} at the end (1, 5, 15 min; more than {cores} means other work competed)");
    summary.Append("==================================");
    Console.WriteLine(summary);
    PrintLogs(logs, requests);
    var ok = allRan && allCompleted && lost == 0 && duplicates == 0 && ranOutcome == n;
    return ok ? 0 : 1;
}

(double Bench, double Azurite) Cpu()
{
    static double Of(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime.TotalSeconds;
        }
        catch (ArgumentException)
        {
            return double.NaN;
        }
    }

    return (Of(Environment.ProcessId), azurite is null ? double.NaN : Of(azurite.ProcessId));
}

static string Describe(DurableTaskHubSettings s) =>
    $"partitionCount {s.PartitionCount}, maxQueuePollingInterval {s.MaxQueuePollingInterval}, controlQueueVisibilityTimeout {s.ControlQueueVisibilityTimeout}, "
    + $"workItemQueueVisibilityTimeout {s.WorkItemQueueVisibilityTimeout}, maxConcurrentActivityFunctions {s.MaxConcurrentActivityFunctions}, "
    + $"maxConcurrentOrchestratorFunctions {s.MaxConcurrentOrchestratorFunctions}";

static string Histogram(double[] sorted) =>
    string.Join("  ", sorted.GroupBy(l => (int)Math.Floor(Math.Max(0, l) / 5)).OrderBy(g => g.Key).Select(g => $"{g.Key * 5}-{g.Key * 5 + 5}s:{g.Count()}"));

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

static void PrintLogs(CountingLoggerProvider logs, StorageRequests? requests)
{
    foreach (var line in logs.First)
    {
        Console.WriteLine($"first log: {line}");
    }

    foreach (var line in requests?.First ?? [])
    {
        Console.WriteLine($"sdk event: {line}");
    }
}

static string LoadAverage()
{
    try
    {
        return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "?";
    }
}

static string FindAzurite()
{
    for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
    {
        var candidate = Path.Combine(directory.FullName, "node_modules", ".bin", "azurite");
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new FileNotFoundException("node_modules/.bin/azurite not found above the current directory: run scripts/install-tools, or pass --azurite PATH or --connection-string.");
}

static void Log(string line) => Console.Error.WriteLine($"[{DateTimeOffset.UtcNow:HH:mm:ss}] {line}");
