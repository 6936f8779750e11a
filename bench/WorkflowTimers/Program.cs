using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AccountAccess.Core.Workflows;
using AccountAccess.Functions.Functions;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.StandaloneHost;
using AccountAccess.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowTimers;

// 10,000 (--timers) workflow timers falling due at the same instant T on Azurite, delivered by the real local trigger
// runner to the real WorkflowRuntime: time from T until all have run, timers/s, lateness, duplicates, final status.
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
var loadBefore = LoadAverage();

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
    // 2. The real pieces, as the standalone host composes them, with the bench workflow: its queue triggers deliver the
    // workflow-timers queue to the WorkflowTimer function (the other queue functions' queues stay empty).
    var logs = new CountingLoggerProvider();
    using var sdk = new SdkEvents();
    var workflow = new CountingWorkflow(TimeProvider.System);
    var services = new ServiceCollection();
    services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddProvider(logs));
    services.AddTableStorage(new StorageOptions { ConnectionString = connectionString });
    services.AddSingleton(TimeProvider.System);
    services.AddSingleton(new TriggerOptions());
    services.AddSingleton(new WorkflowSettings());
    services.AddSingleton<WorkflowRuntime>();
    services.AddSingleton<IWorkflow>(workflow);
    services.AddSingleton(FunctionCatalogue.App);
    services.AddSingleton<FunctionInvoker>();
    services.AddSingleton(HostJson.Load(AppContext.BaseDirectory));
    services.AddSingleton(new AppSettings(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [AppSettingDefaults.StorageConnection] = connectionString })
        .Build()));
    if (options.Runner == "local")
    {
        services.AddHostedService<QueueTriggers>();
    }
    else
    {
        services.AddSingleton(new TunableSettings(options.Pollers, options.Batch, options.Parallelism, options.PollInterval));
        services.AddHostedService<TunableQueueRunner>();
    }

    await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    var runtime = provider.GetRequiredService<WorkflowRuntime>();
    var tables = provider.GetRequiredService<StorageTables>();
    var queues = provider.GetRequiredService<StorageQueues>();

    // Tables and the queue exist before anything runs concurrently, as in the running app (its runner creates the
    // queue when it first polls): the bench measures timers, not first-use creation.
    // With --cold, the queue is left to be created by the first concurrent starts, and the runner starts after them.
    var workflowsTable = await tables.GetAsync(StorageTables.Workflows, ct);
    var timerQueue = options.Cold ? null : await queues.GetAsync(StorageQueues.WorkflowTimers, ct);
    var runId = "r" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant();
    var ids = Enumerable.Range(0, options.Timers).Select(i => $"{runId}_{i:D6}").ToArray();

    // 3. The runner is on from the start, polling an empty queue every 2 s, as in the app. Table round trips are
    // counted per phase by the StorageRequestCounter already in the storage pipeline (AsyncLocal, so the scope begun
    // here flows into the runner's tasks).
    var runnerTrips = StorageRequestCounter.BeginScope();
    var hosted = provider.GetServices<IHostedService>().ToList();
    if (!options.Cold)
    {
        foreach (var service in hosted)
        {
            await service.StartAsync(ct);
        }
    }

    Log($"Runner: {options.Describe()}{(options.Cold ? ", started after the instances (--cold)" : "")}");

    // 4. Start N instances, all due at T.
    var startTrips = StorageRequestCounter.BeginScope();
    var startBegan = DateTimeOffset.UtcNow;
    var due = startBegan + options.Lead;
    workflow.DueAt = due;
    var startErrors = 0;
    string? firstStartError = null;
    Log($"Starting {options.Timers} instances of {CountingWorkflow.WorkflowName}, {options.StartConcurrency} at a time, all due at T = {due:HH:mm:ss.fff}Z ...");
    var startWatch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = options.StartConcurrency, CancellationToken = ct }, async (id, token) =>
    {
        try
        {
            await runtime.StartAsync(CountingWorkflow.WorkflowName, id, "{}", token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (Interlocked.Increment(ref startErrors) == 1)
            {
                firstStartError = $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
            }
        }
    });
    startWatch.Stop();
    var startEnded = DateTimeOffset.UtcNow;
    var startSeconds = startWatch.Elapsed.TotalSeconds;
    var startTripsPerInstance = (double)startTrips.Count / options.Timers;
    Log($"  started in {startSeconds:0.0} s = {options.Timers / startSeconds:0} starts/s, {startErrors} errors, {startTripsPerInstance:0.00} table requests per start");
    if (startErrors > 0)
    {
        Log($"  first start error: {firstStartError}");
    }

    if (options.Cold)
    {
        timerQueue = await queues.GetAsync(StorageQueues.WorkflowTimers, ct);
        runnerTrips = StorageRequestCounter.BeginScope();

        foreach (var service in hosted)
        {
            await service.StartAsync(ct);
        }
    }

    if (startEnded > due - options.Margin)
    {
        Log($"Starting ended at {startEnded:HH:mm:ss.fff}Z, less than {options.Margin.TotalSeconds} s before T: the timers were not all waiting at T. Raise --lead.");
        await StopAsync(hosted);
        return 1;
    }

    // 5. From T until all have run (or the timeout).
    Log($"Waiting {(due - DateTimeOffset.UtcNow).TotalSeconds:0.0} s for T ...");
    await Task.Delay(due - DateTimeOffset.UtcNow, ct);
    var loadAtT = LoadAverage();
    var cpuAtT = Cpu(azurite);
    var tripsAtT = runnerTrips.Count;
    var deadline = due + options.Timeout;
    var nextProgress = due + TimeSpan.FromSeconds(5);
    var cpuProgress = cpuAtT;
    while (workflow.FirstRunAt.Count < options.Timers && DateTimeOffset.UtcNow < deadline)
    {
        await Task.Delay(50, ct);
        if (DateTimeOffset.UtcNow >= nextProgress)
        {
            var cpuNow = Cpu(azurite);
            Log($"  T+{(DateTimeOffset.UtcNow - due).TotalSeconds:0}s: {workflow.FirstRunAt.Count} ran, {logs.Warnings} warnings, {logs.Errors} errors;" +
                $" last 5 s cpu: bench {(cpuNow.Bench - cpuProgress.Bench) / 5 * 100:0} %, azurite {(cpuNow.Azurite - cpuProgress.Azurite) / 5 * 100:0} % of a core, {azurite?.ResidentMegabytes():0} MB; sdk {sdk.Describe()}");
            cpuProgress = cpuNow;
            if (azurite is { HasExited: true })
            {
                Log(azurite.Obituary());
                break;
            }
            nextProgress += TimeSpan.FromSeconds(5);
        }
    }

    if (azurite is { HasExited: true })
    {
        Log("Azurite stopped during the run: no figures.");
        await StopAsync(hosted);
        return 1;
    }

    var ranInTime = workflow.FirstRunAt.Count;
    var allRan = ranInTime >= options.Timers;
    var cpuAllRan = Cpu(azurite);
    var tripsAllRan = runnerTrips.Count - tripsAtT;
    var loadAllRan = LoadAverage();

    // 6. Let the runner finish: every message deleted (or given up), so a late duplicate delivery would be seen.
    var drainWatch = Stopwatch.StartNew();
    long left = -1;
    while (drainWatch.Elapsed < TimeSpan.FromSeconds(60))
    {
        left = (await timerQueue!.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
        if (left == 0)
        {
            break;
        }

        await Task.Delay(200, ct);
    }

    await StopAsync(hosted);
    var poison = await queues.GetAsync(StorageQueues.PoisonOf(StorageQueues.WorkflowTimers), ct);
    var poisoned = (await poison.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;

    // 7. Check: none ran twice, every instance ran and is completed (counted straight from the table: the store's
    // ListAsync returns at most 5,000 instances, fewer than this bench starts).
    var duplicates = workflow.Runs.Count(r => r.Value > 1);
    var extraRuns = workflow.Runs.Sum(r => r.Value - 1);
    var statuses = new Dictionary<string, int>();
    var ranOutcome = 0;
    var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };
    var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CountingWorkflow.WorkflowName} and RowKey ge {runId + "_"} and RowKey lt {runId + "`"}");
    await foreach (var row in workflowsTable.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["Status", "Data"], cancellationToken: ct))
    {
        var status = row.GetString("Status") ?? "?";
        statuses[status] = statuses.GetValueOrDefault(status) + 1;
        if (JsonSerializer.Deserialize<WorkflowInstance>(row.GetString("Data"), json)?.Outcome == "ran")
        {
            ranOutcome++;
        }
    }

    var completed = statuses.GetValueOrDefault("completed");

    // 8. Figures.
    var runTimes = workflow.FirstRunAt.Values.Where(t => t <= deadline).OrderBy(t => t).ToArray();
    var lateness = runTimes.Select(t => (t - due).TotalSeconds).ToArray();
    var last = lateness.Length > 0 ? lateness[^1] : double.NaN;
    var first = lateness.Length > 0 ? lateness[0] : double.NaN;
    var cpuSeconds = (cpuAllRan.Bench - cpuAtT.Bench, cpuAllRan.Azurite - cpuAtT.Azurite);
    var timeline = new StringBuilder();
    if (lateness.Length > 0)
    {
        var buckets = lateness.GroupBy(l => (int)Math.Floor(l / 5)).OrderBy(g => g.Key);
        timeline.AppendJoin("  ", buckets.Select(g => $"{g.Key * 5}-{g.Key * 5 + 5}s:{g.Count()}"));
    }

    var summary = new StringBuilder();
    summary.AppendLine("===== workflow timers summary =====");
    summary.AppendLine($"date          {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z");
    summary.AppendLine($"machine       {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}");
    summary.AppendLine($"storage       {storageDescription}");
    summary.AppendLine($"runner        {options.Describe()}");
    summary.AppendLine($"timers        {options.Timers} instances of {CountingWorkflow.WorkflowName}, all due at T = {due:HH:mm:ss.fff}Z");
    summary.AppendLine($"starting      {startSeconds:0.0} s = {options.Timers / startSeconds:0} starts/s ({options.StartConcurrency} concurrent WorkflowRuntime.StartAsync), {startErrors} errors,");
    summary.AppendLine($"              {startTripsPerInstance:0.00} table requests + 1 queue send per start; ended {(due - startEnded).TotalSeconds:0.0} s before T");
    summary.AppendLine(allRan
        ? $"all ran       {last:0.00} s after T = {options.Timers / last:0} timers/s from T (first ran at T+{first:0.00} s; {options.Timers / (last - first):0} timers/s from first to last)"
        : $"NOT ALL RAN   {ranInTime} of {options.Timers} within {options.Timeout.TotalSeconds:0} s of T ({workflow.FirstRunAt.Count} by the end of the drain wait)");
    summary.AppendLine($"target        all within 60 s: {(allRan && last <= 60 ? "met" : "NOT met")}");
    if (lateness.Length > 0)
    {
        summary.AppendLine($"lateness s    p50 {Percentile(lateness, 50):0.00}  p90 {Percentile(lateness, 90):0.00}  p99 {Percentile(lateness, 99):0.00}  max {last:0.00}  (run time - T)");
        summary.AppendLine($"per 5 s       {timeline}");
    }

    summary.AppendLine($"duplicates    {duplicates} instances ran more than once ({extraRuns} extra runs)");
    summary.AppendLine($"table         {completed} completed of {options.Timers} ({string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}), {ranOutcome} with outcome 'ran'");
    summary.AppendLine($"queue         {(left == 0 ? "drained" : $"{left} messages left")} {drainWatch.Elapsed.TotalSeconds:0.0} s after the last run; {poisoned} poisoned; runner logged {logs.Warnings} warnings, {logs.Errors} errors");
    summary.AppendLine($"table trips   {(double)tripsAllRan / Math.Max(1, ranInTime):0.00} per timer from T to the last run (+ 1 queue delete, + 1/{options.Batch} receive)");
    var window = allRan ? last : options.Timeout.TotalSeconds;
    summary.AppendLine($"cpu           bench {cpuSeconds.Item1:0.0} s, azurite {cpuSeconds.Item2:0.0} s from T to {(allRan ? "the last run" : "the timeout")} = {(cpuSeconds.Item1 + cpuSeconds.Item2) / (window * Environment.ProcessorCount) * 100:0} % of the {Environment.ProcessorCount} cores" +
        $" ({cpuSeconds.Item1 * 1000 / Math.Max(1, ranInTime):0.00} + {cpuSeconds.Item2 * 1000 / Math.Max(1, ranInTime):0.00} ms per timer)");
    summary.AppendLine($"azure sdk     {sdk.Describe()} (whole run)");
    summary.AppendLine($"load average  {loadBefore} at launch, {loadAtT} at T, {loadAllRan} at the last run (1, 5, 15 min; more than {Environment.ProcessorCount} means other work competed)");
    summary.Append("===================================");
    Console.WriteLine(summary);
    foreach (var line in logs.First)
    {
        Console.WriteLine($"first log: {line}");
    }

    foreach (var line in sdk.First)
    {
        Console.WriteLine($"sdk event: {line}");
    }

    var ok = allRan && duplicates == 0 && completed == options.Timers && ranOutcome == options.Timers && startErrors == 0;
    return ok ? 0 : 1;
}

async Task StopAsync(List<IHostedService> hosted)
{
    foreach (var service in hosted)
    {
        await service.StopAsync(CancellationToken.None);
    }
}

static (double Bench, double Azurite) Cpu(Azurite? azurite)
{
    double Of(int pid)
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

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

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
