// The account page: sign in (second factor included), then the sessions open on every device, each of which can be
// ended, and signing out of this one.
import { start } from '../page.js';
import { showInfo } from '../ui.js';
import { signInForm } from '../sign-in-flow.js';
import { showSessions } from '../sessions.js';

function signIn(infoKey = null) {
  signInForm({
    headingKey: 'accountPage.heading',
    introKey: 'accountPage.intro',
    submitKey: 'accountPage.continue',
    onSignedIn: (result) => showSessions(result, { onSignedOut: () => signIn('sessions.signedOut') }),
  });
  if (infoKey) showInfo(infoKey);
}

start(() => signIn());
