namespace AccountAccess.Core.Organizations;

/// <summary>An override that breaks a rule of the organization's preset: which field, the preset's value, the value in force, and the rule.</summary>
public sealed record PresetDeviation(string Field, string PresetValue, string Value, string Rule);
