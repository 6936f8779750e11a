// The signed-in page of the reference front end: who is signed in, and how the account is protected — passkeys, an
// authenticator app, a phone for codes, turning second factors off (each change of an enrolled factor asks for the
// password again). The access token (and the password just typed, if any) live in this page's memory only: signing out
// forgets them.
import { h, show, showInfo } from './ui.js';
import { call } from './api.js';
import { refuse } from './errors.js';
import { enrolTotp } from './totp-enrolment.js';
import { enrolPhone } from './phone-enrolment.js';
import { askPassword } from './step-up.js';
import { managePasskeys } from './passkeys.js';

export function signedIn(result, { infoKey = null, password = null } = {}) {
  const { accessToken, user } = result;
  const back = (key = null) => signedIn(result, { infoKey: key, password });
  const passkeys = h('button', { type: 'button', id: 'manage-passkeys', i18n: 'signedIn.passkeys' });
  passkeys.addEventListener('click', () => managePasskeys(accessToken, { password, onBack: () => back() }));
  const setUp = h('button', { type: 'button', i18n: 'signedIn.setUpTotp' });
  setUp.addEventListener('click', () => enrolTotp(accessToken, { onDone: () => back(), onCancel: () => back() }));
  const addPhone = h('button', { type: 'button', class: 'secondary', i18n: 'signedIn.addPhone' });
  addPhone.addEventListener('click', () => enrolPhone(accessToken, { onDone: back, onCancel: () => back() }));
  const turnOff = h('button', { type: 'button', class: 'secondary', i18n: 'signedIn.turnOff' });
  turnOff.addEventListener('click', () => askPassword({
    introKey: 'stepUp.turnOff',
    attempt: (password) => call('DELETE', '/api/account/2fa', { password }, { bearer: accessToken }),
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
  const signOut = h('button', { type: 'button', class: 'secondary', i18n: 'signedIn.signOut' });
  signOut.addEventListener('click', () => window.location.assign('/sign-in'));
  show(
    h('h1', { i18n: 'signedIn.heading' }),
    h('p', { i18n: 'signedIn.as', vars: { name: user.displayName } }),
    h('p', { class: 'hint', i18n: `role.${user.role}` }),
    h('div', { class: 'actions' }, passkeys, setUp, addPhone, turnOff, signOut));
  if (infoKey) showInfo(infoKey);
}
