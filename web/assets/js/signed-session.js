// A signed-in session as a page holds it: the access token and the refresh token of a "status: ok" answer, in this
// page's memory only (gone with the page). A call refused because the access token expired refreshes the pair once
// (POST /api/auth/refresh: a new access token and a new refresh token) and is sent again.
import { call, post } from './api.js';

export function signedSession(result) {
  let { accessToken, refreshToken } = result;

  async function refresh() {
    const reply = await post('/api/auth/refresh', { refreshToken });
    if (!reply.ok || reply.body.status !== 'ok') return false;
    ({ accessToken, refreshToken } = reply.body);
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
