using AccountAccess.Core.Authorization;

namespace AccountAccess.Functions.Http;

/// <summary>
/// The function acts on the user its <c>{userId}</c> route value names, with at least <see cref="Action"/>'s right. Before
/// any body is read, the pipeline asks <see cref="AccessRules"/> whether a signed-in caller holds that right: a caller
/// without it gets the same 403 whatever the body holds, so the answer tells nothing about which ids exist (API.md "Several
/// organizations": authorization before validation). Core decides again with what the body adds (the organization named,
/// the fields changed).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ActsOnUserAttribute(UserAction action) : Attribute
{
    public const string RouteValue = "userId";

    public UserAction Action { get; } = action;
}
