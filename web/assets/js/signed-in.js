// The signed-in page of the reference front end: who is signed in, how the account is protected — passkeys, an
// authenticator app, a phone for codes, turning second factors off (each change of an enrolled factor asks for the
// password again) —, the sessions open elsewhere, and signing out (the session ends on the server: POST
// /api/auth/logout). The tokens (and the password just typed, if any) live in this page's memory only.
import { h, show, showInfo } from './ui.js';
import { refuse } from './errors.js';
import { enrolTotp } from './totp-enrolment.js';
import { enrolPhone } from './phone-enrolment.js';
import { askPassword } from './step-up.js';
import { showSessions } from './sessions.js';
import { signedSession } from './signed-session.js';
import { managePasskeys } from './passkeys.js';

export function signedIn(result, { infoKey = null, password = null, session = signedSession(result) } = {}) {
  const { user } = result;
  const back = (key = null) => signedIn(result, { infoKey: key, password, session });
  const passkeys = h('button', { type: 'button', id: 'manage-passkeys', i18n: 'signedIn.passkeys' });
  passkeys.addEventListener('click', () => managePasskeys(session.accessToken, { password, onBack: () => back() }));
  const setUp = h('button', { type: 'button', i18n: 'signedIn.setUpTotp' });
  setUp.addEventListener('click', () => enrolTotp(session.accessToken, { onDone: () => back(), onCancel: () => back() }));
  const addPhone = h('button', { type: 'button', class: 'secondary', i18n: 'signedIn.addPhone' });
  addPhone.addEventListener('click', () => enrolPhone(session.accessToken, { onDone: back, onCancel: () => back() }));
  const turnOff = h('button', { type: 'button', class: 'secondary', i18n: 'signedIn.turnOff' });
  turnOff.addEventListener('click', () => askPassword({
    introKey: 'stepUp.turnOff',
    attempt: (password) => session.call('DELETE', '/api/account/2fa', { password }),
    then: (reply) => {
      if (!reply.ok) {
        back();
        refuse(reply.error);
        return;
      }
      back('signedIn.turnedOff');
    },
    onCancel: () => back(),
  }));
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
    h('div', { class: 'actions' }, passkeys, setUp, addPhone, turnOff, sessions, signOut));
  if (infoKey) showInfo(infoKey);
}
