// The signed-in page of the reference front end: who is signed in, and setting up an authenticator app. The access
// token lives in this page's memory only: signing out forgets it.
import { h, show, showInfo } from './ui.js';
import { enrolTotp } from './totp-enrolment.js';

export function signedIn(result, { infoKey = null } = {}) {
  const { accessToken, user } = result;
  const setUp = h('button', { type: 'button', i18n: 'signedIn.setUpTotp' });
  setUp.addEventListener('click', () => enrolTotp(accessToken, { onDone: () => signedIn(result) }));
  const signOut = h('button', { type: 'button', class: 'secondary', i18n: 'signedIn.signOut' });
  signOut.addEventListener('click', () => window.location.assign('/sign-in'));
  show(
    h('h1', { i18n: 'signedIn.heading' }),
    h('p', { i18n: 'signedIn.as', vars: { name: user.displayName } }),
    h('p', { class: 'hint', i18n: `role.${user.role}` }),
    h('div', { class: 'actions' }, setUp, signOut));
  if (infoKey) showInfo(infoKey);
}
