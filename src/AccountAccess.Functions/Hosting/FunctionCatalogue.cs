using System.Reflection;
using AccountAccess.Functions.Http;
using Microsoft.Azure.Functions.Worker;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// Every function of the app, read once from its <c>[Function]</c> methods and their trigger attributes — the very
/// attributes the Functions worker SDK turns into <c>functions.metadata</c> at build time. The Functions host routes by
/// that metadata; the standalone host routes by this catalogue; both HTTP pipelines look up a function's rules here.
/// So there is one route table, written as attributes beside the code it runs.
/// </summary>
public sealed class FunctionCatalogue
{
    private readonly Dictionary<string, FunctionEntry> byName;

    public FunctionCatalogue(Assembly assembly)
    {
        All = assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null)
            .Select(Describe)
            .OrderBy(function => function.Name, StringComparer.Ordinal)
            .ToList();
        byName = All.ToDictionary(function => function.Name, StringComparer.Ordinal);
    }

    /// <summary>The functions of this app.</summary>
    public static FunctionCatalogue App { get; } = new(typeof(FunctionCatalogue).Assembly);

    public IReadOnlyList<FunctionEntry> All { get; }

    public IEnumerable<FunctionEntry> Http => All.Where(function => function.Trigger is FunctionTrigger.Http);

    /// <summary>The function named <paramref name="name"/> (its <c>[Function]</c> name), or null.</summary>
    public FunctionEntry? Find(string name) => byName.GetValueOrDefault(name);

    private static FunctionEntry Describe(MethodInfo method)
    {
        var name = method.GetCustomAttribute<FunctionAttribute>()!.Name;
        var triggers = method.GetParameters()
            .SelectMany(parameter => parameter.GetCustomAttributes().Select(attribute => TriggerOf(attribute, parameter)))
            .OfType<FunctionTrigger>()
            .ToList();
        if (triggers.Count != 1)
        {
            throw new InvalidOperationException($"Function {name} ({method.DeclaringType?.Name}.{method.Name}) needs exactly one trigger parameter; it has {triggers.Count}.");
        }

        var trigger = triggers[0];
        return new FunctionEntry(name, method, trigger, trigger is FunctionTrigger.Http ? HttpRules.Of(method) : HttpRules.None);

        FunctionTrigger? TriggerOf(Attribute attribute, ParameterInfo parameter) => attribute switch
        {
            HttpTriggerAttribute http => new FunctionTrigger.Http(http.Route ?? name, (http.Methods ?? []).Select(m => m.ToUpperInvariant()).ToList()),
            TimerTriggerAttribute timer => new FunctionTrigger.Timer(timer.Schedule, timer.RunOnStartup),
            QueueTriggerAttribute queue => new FunctionTrigger.Queue(queue.QueueName, queue.Connection),
            OrchestrationTriggerAttribute => new FunctionTrigger.Orchestration(),
            ActivityTriggerAttribute => new FunctionTrigger.Activity(parameter.ParameterType),
            _ => null,
        };
    }
}
