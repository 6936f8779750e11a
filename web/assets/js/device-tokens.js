// Trusted devices (API.md "Trusted devices", OWASP device cookies): every signed-in answer carries a `deviceToken`; the
// page keeps the latest one per login in localStorage and sends it with the next sign-in of that login, so that a
// stranger typing wrong passwords for the login can lock it everywhere but here. The token alone signs nobody in (the
// password is still needed); it is what makes this browser "a device you signed in on before".
const prefix = 'deviceToken:';

/** The key a login's token is kept under: the login as the API matches it (trimmed, NFKC, case-insensitive). */
function keyOf(login) {
  return prefix + login.trim().normalize('NFKC').toLowerCase();
}

/** The device token kept for `login`, or undefined. */
export function deviceTokenFor(login) {
  try {
    return window.localStorage.getItem(keyOf(login)) || undefined;
  } catch {
    return undefined; // storage blocked: the sign-in is simply untrusted
  }
}

/** Keeps the `deviceToken` of a signed-in answer for `login` (each answer renews or replaces it). */
export function keepDeviceToken(login, result) {
  if (!login || !result || typeof result.deviceToken !== 'string') return;
  try {
    window.localStorage.setItem(keyOf(login), result.deviceToken);
  } catch {
    // storage blocked or full: nothing kept, the next sign-in is untrusted
  }
}
