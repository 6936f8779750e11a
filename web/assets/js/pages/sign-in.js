import { start } from '../page.js';
import { signInForm } from '../sign-in-flow.js';
import { signedIn } from '../signed-in.js';

start(() => signInForm({ onSignedIn: (result, context) => signedIn(result, { infoKey: context.changed ? 'change.done' : null, password: context.password }) }));
