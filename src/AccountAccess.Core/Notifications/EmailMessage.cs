namespace AccountAccess.Core.Notifications;

/// <summary>An email to send: one recipient, a subject, a text body (which holds any link in full) and an HTML body.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody);
