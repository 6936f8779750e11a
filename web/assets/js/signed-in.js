// The signed-in page of the reference front end: who is signed in, setting up an authenticator app, and the account's
// passkeys. The access token (and the password just typed, if any) live in this page's memory only: signing out forgets them.
import { h, show, showInfo } from './ui.js';
import { enrolTotp } from './totp-enrolment.js';
import { managePasskeys } from './passkeys.js';

export function signedIn(result, { infoKey = null, password = null } = {}) {
  const { accessToken, user } = result;
  const setUp = h('button', { type: 'button', i18n: 'signedIn.setUpTotp' });
  setUp.addEventListener('click', () => enrolTotp(accessToken, { onDone: () => signedIn(result, { password }) }));
  const passkeys = h('button', { type: 'button', id: 'manage-passkeys', i18n: 'signedIn.passkeys' });
  passkeys.addEventListener('click', () => managePasskeys(accessToken, { password, onBack: () => signedIn(result, { password }) }));
  const signOut = h('button', { type: 'button', class: 'secondary', i18n: 'signedIn.signOut' });
  signOut.addEventListener('click', () => window.location.assign('/sign-in'));
  show(
    h('h1', { i18n: 'signedIn.heading' }),
    h('p', { i18n: 'signedIn.as', vars: { name: user.displayName } }),
    h('p', { class: 'hint', i18n: `role.${user.role}` }),
    h('div', { class: 'actions' }, passkeys, setUp, signOut));
  if (infoKey) showInfo(infoKey);
}
