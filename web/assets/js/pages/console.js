import { start } from '../page.js';
import { signInForm } from '../sign-in-flow.js';
import { consoleHome } from '../console.js';

// Administrators, supervisors and support accounts sign in on the management portal: it is the one offered first.
if (!new URLSearchParams(window.location.search).has('portal')) {
  window.history.replaceState(null, '', `${window.location.pathname}?portal=management`);
}

start(() => signInForm({ headingKey: 'console.signIn', onSignedIn: (result) => consoleHome(result) }));
