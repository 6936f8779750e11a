namespace AccountAccess.Storage;

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Azure Storage (Tables and Queues). Defaults to Azurite's well-known development account.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";
}
