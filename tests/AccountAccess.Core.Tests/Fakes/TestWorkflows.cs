using AccountAccess.Core.Accounts;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Core.Workflows;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>A workflow runtime with the service's workflows over in-memory stores, for tests of the code that starts them.</summary>
public static class TestWorkflows
{
    public static WorkflowRuntime Runtime(
        IUserStore users, IOrganizationStore organizations, TimeProvider time,
        IWorkflowStore? store = null, IDurableTimers? timers = null, Notifications.IEmailSender? email = null, PasswordSettings? settings = null)
    {
        var updater = new UserUpdater(users, time);
        IWorkflow[] workflows =
        [
            new PasswordRotationWorkflow(users, organizations, updater, email ?? new RecordingEmailSender(), settings ?? new PasswordSettings()),
        ];
        return new WorkflowRuntime(store ?? new InMemoryWorkflowStore(), timers ?? new RecordingDurableTimers(time), workflows, new WorkflowSettings(), time);
    }
}
