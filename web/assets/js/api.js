// Calls to the AccountAccess HTTP API (API.md). Same origin by default; /config.json may name another (the Function
// App, when the pages are a Static Web App). Nothing here keeps a token, password or code beyond the call (the device
// token of a sign-in is kept by device-tokens.js).
import { language, t } from './i18n.js';

let baseUrl;

async function apiBaseUrl() {
  if (baseUrl === undefined) {
    try {
      const response = await fetch('/config.json', { cache: 'no-store' });
      baseUrl = response.ok ? ((await response.json()).apiBaseUrl || '').replace(/\/$/, '') : '';
    } catch {
      baseUrl = '';
    }
  }
  return baseUrl;
}

/**
 * Sends `body` as JSON to `path` and answers `{ ok, status, body }` or `{ ok: false, status, error }` with the API's
 * error (`code`, `message` in the page's language, `details`, `remedy`). A network failure is an error too, in words.
 */
export async function call(method, path, body, { bearer } = {}) {
  const headers = { 'Accept-Language': language(), Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let response;
  try {
    response = await fetch(`${await apiBaseUrl()}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    return { ok: false, status: 0, error: { code: 'network', message: t('error.network'), details: {} } };
  }

  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }

  if (response.ok) return { ok: true, status: response.status, body: json };
  const error = json && json.error ? json.error : { code: 'unexpected', message: t('error.unexpected'), details: {} };
  return { ok: false, status: response.status, error: { details: {}, ...error } };
}

export const post = (path, body, options) => call('POST', path, body, options);
