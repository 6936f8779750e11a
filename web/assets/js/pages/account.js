// The account page: sign in (a passkey, or the password and any second factor), then the account's passkeys — list,
// add, rename, remove.
import { start } from '../page.js';
import { signInForm } from '../sign-in-flow.js';
import { managePasskeys } from '../passkeys.js';

start(() => signInForm({
  headingKey: 'accountPage.heading',
  introKey: 'accountPage.intro',
  submitKey: 'changePage.continue',
  onSignedIn: (result, context) => managePasskeys(result.accessToken, { password: context.password, infoKey: context.changed ? 'change.done' : null }),
}));
