using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bench.Shared;

/// <summary>
/// The operator routes as the benchmark drivers use them to provision (API.md): every request carries the operator key;
/// anything but the expected status stops the run with the answer in the message. Linked into each driver.
/// </summary>
internal sealed class OperatorApi(HttpClient http, string operatorKey)
{
    /// <summary>POST <paramref name="path"/> expecting 201; returns the created resource.</summary>
    public async Task<JsonElement> CreateAsync(string path, object body)
    {
        var (status, text) = await SendAsync(HttpMethod.Post, path, body);
        if (status != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /{path} answered {(int)status}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Operator-Key", operatorKey);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs <paramref name="create"/> for 0 … <paramref name="count"/>-1 with exactly <paramref name="concurrency"/> in flight.</summary>
    public static Task ForEachAsync(int count, int concurrency, Func<int, Task> create)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await create(i);
            }
        }));
    }
}
