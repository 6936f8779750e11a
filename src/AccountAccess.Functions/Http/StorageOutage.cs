using Azure;

namespace AccountAccess.Functions.Http;

/// <summary>
/// Whether an exception means storage could not be reached (the network, a timeout, a 5xx from the service): answered
/// <c>503 service_unavailable</c>, and service resumes by itself when storage returns. Wrapped exceptions are looked
/// through, as a host may wrap what a function threw.
/// </summary>
public static class StorageOutage
{
    public static bool IsCause(Exception exception) => exception switch
    {
        HttpRequestException => true,
        RequestFailedException { Status: 0 or >= 500 } => true,
        AggregateException { InnerExceptions: var inner } => inner.Count > 0 && inner.All(IsCause),
        { InnerException: { } inner } => IsCause(inner),
        _ => false,
    };
}
