namespace SignInLoad;

/// <summary>One sign-in as the driver saw it.</summary>
internal readonly record struct Sample(TimeSpan Latency, bool Ok, int? StorageRoundTrips);
