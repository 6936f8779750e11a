using System.ComponentModel.DataAnnotations;

namespace AccountAccess.Core.Tests;

/// <summary>What the app's start-up check (data annotations) finds wrong with a settings record, message by message.</summary>
public static class Annotations
{
    public static IReadOnlyList<string> ProblemsOf(object settings)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        return results.Select(result => result.ErrorMessage ?? string.Empty).ToList();
    }
}
