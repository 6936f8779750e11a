using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.SignIn;

/// <summary>The application a login comes from. Each accepts some roles ("wrong role for this application").</summary>
public enum Portal
{
    /// <summary>Accepts employees.</summary>
    Employee,

    /// <summary>Accepts managers and administrators.</summary>
    Management,

    /// <summary>Accepts clients.</summary>
    Client,
}

/// <summary>Which portal serves which role.</summary>
public static class Portals
{
    public static bool Accepts(this Portal portal, Role role) => For(role) == portal;

    /// <summary>The portal a member of <paramref name="role"/> should use.</summary>
    public static Portal For(Role role) => role switch
    {
        Role.Employee => Portal.Employee,
        Role.Manager or Role.Administrator => Portal.Management,
        Role.Client => Portal.Client,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
