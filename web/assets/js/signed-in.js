// The signed-in page of the reference front end: who is signed in, setting up an authenticator app, the sessions
// open elsewhere, and signing out (the session ends on the server: POST /api/auth/logout). The tokens live in this
// page's memory only.
import { h, show, showInfo } from './ui.js';
import { enrolTotp } from './totp-enrolment.js';
import { showSessions } from './sessions.js';
import { signedSession } from './signed-session.js';

export function signedIn(result, { infoKey = null } = {}) {
  const { user } = result;
  const session = signedSession(result);
  const setUp = h('button', { type: 'button', i18n: 'signedIn.setUpTotp' });
  setUp.addEventListener('click', () => enrolTotp(session.accessToken, { onDone: () => signedIn(result) }));
  const sessions = h('button', { type: 'button', class: 'secondary', i18n: 'signedIn.sessions' });
  sessions.addEventListener('click', () => showSessions(session, { onSignedOut: () => window.location.assign('/sign-in') }));
  const signOut = h('button', { type: 'button', class: 'secondary', i18n: 'signedIn.signOut' });
  signOut.addEventListener('click', async () => {
    await session.call('POST', '/api/auth/logout');
    window.location.assign('/sign-in');
  });
  show(
    h('h1', { i18n: 'signedIn.heading' }),
    h('p', { i18n: 'signedIn.as', vars: { name: user.displayName } }),
    h('p', { class: 'hint', i18n: `role.${user.role}` }),
    h('div', { class: 'actions' }, setUp, sessions, signOut));
  if (infoKey) showInfo(infoKey);
}
