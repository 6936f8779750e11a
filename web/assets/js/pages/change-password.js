// Changing one's password: sign in with the current one (second factor included), then choose the new one. A sign-in
// that asks for a new password anyway (expired or temporary) is the change itself.
import { start } from '../page.js';
import { h, show, whileBusy } from '../ui.js';
import { post } from '../api.js';
import { signInForm } from '../sign-in-flow.js';
import { refuse } from '../errors.js';
import { signedIn } from '../signed-in.js';
import { newPasswordFields, readNewPassword } from '../password-fields.js';

function chooseNewPassword(result, context) {
  if (context.changed) {
    signedIn(result, { infoKey: 'change.done' });
    return;
  }
  const form = h('form', { novalidate: true }, ...newPasswordFields(), h('button', { type: 'submit', i18n: 'change.submit' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const newPassword = readNewPassword(form);
    if (newPassword === null) return;
    const reply = await whileBusy(form, () =>
      post('/api/password/change', { currentPassword: context.password, newPassword }, { bearer: result.accessToken }));
    if (reply.ok) {
      signedIn(result, { infoKey: 'change.done' });
    } else {
      refuse(reply.error);
    }
  });
  show(h('h1', { i18n: 'change.heading' }), h('p', { class: 'hint', i18n: 'rules.generic' }), form);
}

start(() => signInForm({
  headingKey: 'changePage.heading',
  introKey: 'changePage.intro',
  submitKey: 'changePage.continue',
  onSignedIn: chooseNewPassword,
}));
