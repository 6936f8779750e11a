namespace AccountAccess.Core.Notifications.Holder;

/// <summary>The pages a notice may point at: read-only ones (opening them changes nothing), on <c>Links:PublicBaseUrl</c>.</summary>
public sealed record NoticeLinks(string SignIn, string ForgotPassword)
{
    public static NoticeLinks Under(string publicBaseUrl) =>
        new(publicBaseUrl.TrimEnd('/') + "/sign-in", publicBaseUrl.TrimEnd('/') + "/forgot-password");
}
