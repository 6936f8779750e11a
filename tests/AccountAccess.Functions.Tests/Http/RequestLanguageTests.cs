using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace AccountAccess.Functions.Tests.Http;

public sealed class RequestLanguageTests
{
    [Theory]
    [InlineData(null, "en")]
    [InlineData("fr", "fr")]
    [InlineData("fr-CA", "fr")]
    [InlineData("de, fr;q=0.8, en;q=0.5", "fr")]
    [InlineData("en-GB, fr;q=0.9", "en")]
    [InlineData("fr;q=0, en", "en")]
    [InlineData("french", "en")]
    [InlineData("de", "en")]
    [InlineData("*", "en")]
    public void French_when_accept_language_prefers_it_english_otherwise(string? acceptLanguage, string expected)
    {
        var http = new DefaultHttpContext();
        if (acceptLanguage is not null)
        {
            http.Request.Headers.AcceptLanguage = acceptLanguage;
        }

        Assert.Equal(expected, RequestLanguage.Of(http.Request).Name);
    }
}
