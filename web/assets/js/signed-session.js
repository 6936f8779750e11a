// A signed-in session as a page holds it: the access token and the refresh token of a "status: ok" answer, in this
// page's memory only (gone with the page). A call refused because the access token expired refreshes the pair once
// (POST /api/auth/refresh: a new access token and a new refresh token) and is sent again. The refresh sends the login's
// device token (the one kept in localStorage, which another tab may have renewed, else the one this answer carried) so
// that its answer carries the same token back; a new one, when the server had to re-key the device, is kept in its place.
import { call, post } from './api.js';
import { deviceTokenFor, keepDeviceToken } from './device-tokens.js';

export function signedSession(result, login = result.login) {
  let { accessToken, refreshToken, deviceToken } = result;

  async function refresh() {
    const sent = (login && deviceTokenFor(login)) || deviceToken || undefined;
    const reply = await post('/api/auth/refresh', { refreshToken, deviceToken: sent });
    if (!reply.ok || reply.body.status !== 'ok') return false;
    ({ accessToken, refreshToken, deviceToken } = reply.body);
    keepDeviceToken(login, reply.body);
    return true;
  }

  return {
    /** `call` with this session's access token, refreshed once when it has expired. */
    async call(method, path, body) {
      const reply = await call(method, path, body, { bearer: accessToken });
      if (reply.status !== 401 || !(await refresh())) return reply;
      return call(method, path, body, { bearer: accessToken });
    },
    get accessToken() {
      return accessToken;
    },
  };
}
