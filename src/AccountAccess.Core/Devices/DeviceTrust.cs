using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;

namespace AccountAccess.Core.Devices;

/// <summary>
/// What trusting a client decided: the user with the device added or renewed, the device's id (its session remembers
/// it), the token to answer, and the audit events to save with the user — none when nothing needs writing.
/// </summary>
public sealed record DeviceTrust(User User, string DeviceId, string Token, IReadOnlyList<AuditEvent> Events);
