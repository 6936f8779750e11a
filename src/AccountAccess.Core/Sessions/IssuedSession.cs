namespace AccountAccess.Core.Sessions;

/// <summary>What a <c>status: "ok"</c> answer hands over of its session: its id and a refresh token, with when that stops working.</summary>
public sealed record IssuedSession(string Id, string RefreshToken, DateTimeOffset RefreshExpiresAt);
