using Microsoft.DurableTask.Client;
using Moq;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>
/// The <c>[DurableClient]</c> argument of a function called directly in a unit test whose workflow ports are Core's fakes:
/// nothing may call it (a strict mock throws on any call).
/// </summary>
public static class NoWorkflows
{
    public static DurableTaskClient Client { get; } = new Mock<DurableTaskClient>(MockBehavior.Strict, "unit-tests").Object;
}
