using System.Text.Json;
using System.Text.Json.Nodes;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Errors;

namespace AccountAccess.Functions.Contracts;

/// <summary>Reads a PATCH /api/users/{userId} body field by field, so each wrong field is named and absent differs from null.</summary>
public static class UserPatchReader
{
    private static readonly HashSet<string> Known =
    [
        "email", "secondaryEmails", "phone", "displayName", "visible", "departureDate", "unitIds", "permissions", "locale", "preferredChannel", "organizationId",
    ];

    public static Result<UserPatch> Read(JsonObject body, JsonSerializerOptions options)
    {
        if (body.Select(p => p.Key).FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
        {
            return Failure.InvalidField(unknown, "cannot be changed here");
        }

        try
        {
            return new UserPatch
            {
                Email = Field<string?>(body, "email", options, nullable: true),
                SecondaryEmails = Field<IReadOnlyList<string>>(body, "secondaryEmails", options),
                Phone = Field<string?>(body, "phone", options, nullable: true),
                DisplayName = Field<string>(body, "displayName", options),
                Visible = Field<bool>(body, "visible", options),
                DepartureDate = Field<DateOnly?>(body, "departureDate", options, nullable: true),
                Locale = Field<Locale>(body, "locale", options),
                PreferredChannel = Field<ContactChannel>(body, "preferredChannel", options),
                UnitIds = Field<IReadOnlyList<string>>(body, "unitIds", options),
                Permissions = Field<IReadOnlyList<Permission>>(body, "permissions", options),
                OrganizationId = Field<string?>(body, "organizationId", options, nullable: true).Or(null),
            };
        }
        catch (InvalidField invalid)
        {
            return Failure.InvalidField(invalid.Field, "has the wrong type or value");
        }
    }

    private static Optional<T> Field<T>(JsonObject body, string name, JsonSerializerOptions options, bool nullable = false)
    {
        if (!body.TryGetPropertyValue(name, out var node))
        {
            return Optional<T>.Absent;
        }

        if (node is null)
        {
            return nullable ? new Optional<T>(true, default!) : throw new InvalidField(name);
        }

        try
        {
            var value = node.Deserialize<T>(options);
            if ((value is null && !nullable) || (value is System.Collections.IEnumerable items and not string && items.Cast<object?>().Any(i => i is null)))
            {
                throw new InvalidField(name);
            }

            return new Optional<T>(true, value!);
        }
        catch (JsonException)
        {
            throw new InvalidField(name);
        }
    }

    private sealed class InvalidField(string field) : Exception(field)
    {
        public string Field { get; } = field;
    }
}
