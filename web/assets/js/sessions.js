// The sessions of the signed-in person (GET /api/account/sessions): where and when each began and was last used, the
// one of this page marked; any other can be ended (DELETE /api/account/sessions/{id}), and this one signed out
// (POST /api/auth/logout).
import { h, show, showInfo, whileBusy } from './ui.js';
import { language } from './i18n.js';
import { refuse } from './errors.js';
import { signedSession } from './signed-session.js';

const when = (iso) => new Date(iso).toLocaleString(language(), { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Shows the sessions of `result` (a "status: ok" answer); `onSignedOut` runs once this session has ended; `more`: buttons
 * the page adds beside "Sign out" (the account page's way back to its passkeys).
 */
export async function showSessions(result, { onSignedOut, more = () => [], infoKey = null } = {}) {
  const session = typeof result.call === 'function' ? result : signedSession(result);
  const reply = await session.call('GET', '/api/account/sessions');
  if (!reply.ok) {
    refuse(reply.error);
    return;
  }

  const { sessions } = reply.body;
  const again = (key) => showSessions(session, { onSignedOut, more, infoKey: key });
  const list = h('ul', { class: 'sessions', id: 'sessions' }, ...sessions.map((entry) => sessionItem(entry, session, again)));
  const others = sessions.filter((entry) => !entry.current);
  const endOthers = others.length
    ? h('button', { type: 'button', class: 'secondary', i18n: 'sessions.endOthers' })
    : null;
  endOthers?.addEventListener('click', async () => {
    const form = endOthers.closest('main');
    for (const entry of others) {
      const ended = await whileBusy(form, () => session.call('DELETE', `/api/account/sessions/${encodeURIComponent(entry.id)}`));
      if (!ended.ok && ended.status !== 404) {
        refuse(ended.error);
        return;
      }
    }
    await again('sessions.othersEnded');
  });

  const signOut = h('button', { type: 'button', i18n: 'sessions.signOut' });
  signOut.addEventListener('click', async () => {
    const ended = await whileBusy(signOut.closest('main'), () => session.call('POST', '/api/auth/logout'));
    if (ended.ok || ended.status === 401) {
      onSignedOut();
      return;
    }
    refuse(ended.error);
  });

  show(
    h('h1', { i18n: 'sessions.heading' }),
    h('p', { class: 'hint', i18n: 'sessions.intro' }),
    list,
    h('div', { class: 'actions' }, endOthers, ...more(), signOut));
  if (infoKey) showInfo(infoKey);
}

function sessionItem(entry, session, again) {
  const deviceId = `device-${entry.id}`;
  const item = h('li', { class: entry.current ? 'session current' : 'session', 'data-session-id': entry.id },
    entry.userAgent
      ? h('p', { class: 'device', id: deviceId, text: entry.userAgent })
      : h('p', { class: 'device', id: deviceId, i18n: 'sessions.unknownDevice' }),
    entry.current ? h('p', { class: 'this-device', i18n: 'sessions.thisDevice' }) : null,
    h('p', { class: 'hint', i18n: 'sessions.from', vars: { ip: entry.ip || '?' } }),
    h('p', { class: 'hint', i18n: 'sessions.since', vars: { createdAt: when(entry.createdAt), lastUsedAt: when(entry.lastUsedAt) } }));
  if (!entry.current) {
    const end = h('button', { type: 'button', class: 'secondary', i18n: 'sessions.end', 'aria-describedby': deviceId });
    end.addEventListener('click', async () => {
      const ended = await whileBusy(item, () => session.call('DELETE', `/api/account/sessions/${encodeURIComponent(entry.id)}`));
      if (!ended.ok && ended.status !== 404) {
        refuse(ended.error);
        return;
      }
      await again('sessions.ended');
    });
    item.append(end);
  }
  return item;
}
