// A reset or activation link's token, taken out of the address bar as soon as the page opens: it stays in this
// page's memory only (not in history, storage, logs or a Referer), and only the form's POST redeems it.

/** Reads `?token=` and rewrites the address without it; answers the token, or null when the link has none. */
export function takeLinkToken() {
  const query = new URLSearchParams(window.location.search);
  const token = query.get('token');
  if (query.has('token')) {
    query.delete('token');
    const rest = query.toString();
    window.history.replaceState(null, '', window.location.pathname + (rest ? `?${rest}` : '') + window.location.hash);
  }
  return token && token.trim() ? token.trim() : null;
}
