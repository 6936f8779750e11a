// The account page: sign in (a passkey, or the password and any second factor), then the account's passkeys — list,
// add, rename, remove — and the sessions open on every device, each of which can be ended, and signing out of this one.
import { start } from '../page.js';
import { h, showInfo } from '../ui.js';
import { signInForm } from '../sign-in-flow.js';
import { managePasskeys } from '../passkeys.js';
import { showSessions } from '../sessions.js';
import { signedSession } from '../signed-session.js';

function button(id, key, onClick) {
  const go = h('button', { type: 'button', class: 'secondary', id, i18n: key });
  go.addEventListener('click', onClick);
  return go;
}

function signIn(infoKey = null) {
  signInForm({
    headingKey: 'accountPage.heading',
    introKey: 'accountPage.intro',
    submitKey: 'accountPage.continue',
    onSignedIn: (result, context) => {
      const session = signedSession(result);
      const passkeys = (key = null) => managePasskeys(session.accessToken, {
        password: context.password,
        infoKey: key,
        more: () => [button('show-sessions', 'accountPage.sessions', () => sessions())],
      });
      const sessions = () => showSessions(session, {
        onSignedOut: () => signIn('sessions.signedOut'),
        more: () => [button('show-passkeys', 'accountPage.passkeys', () => passkeys())],
      });
      passkeys(context.changed ? 'change.done' : null);
    },
  });
  if (infoKey) showInfo(infoKey);
}

start(() => signIn());
