using DurableTask.Core;

namespace AccountAccess.StandaloneHost.Durable;

/// <summary>
/// The orchestrations or activities the Durable Task Framework asks for by name: a new one on every request. (DTFx's own
/// manager hands out one shared instance, and the Durable Task worker's shims hold per-execution state.)
/// </summary>
internal sealed class FunctionTasks<T>(IReadOnlyDictionary<string, Func<T>> factories) : INameVersionObjectManager<T>
{
    public void Add(ObjectCreator<T> creator) =>
        throw new NotSupportedException("The functions are known when the host starts: they come from the function catalogue.");

    public T? GetObject(string name, string? version) => factories.TryGetValue(name, out var create) ? create() : default;
}
