// The password again before a change to how the account is protected (API.md "Two-factor enrolment", step-up): a
// session alone does not replace or add a second factor beside one, nor turn them off. A wrong password counts like a
// wrong one at sign-in, so the page says so and lets the person try again or stop.
import { h, field, show, showError, whileBusy } from './ui.js';
import { t } from './i18n.js';
import { refuse } from './errors.js';

/** Whether the API refused a change because it needs the password again (a second factor is already enrolled). */
export function needsPassword(reply) {
  return !reply.ok && reply.error.code === 'invalid_request' && reply.error.details && reply.error.details.field === 'password';
}

/**
 * Asks for the password, then runs `attempt(password)` (a call of the API); a wrong password is shown and asked again,
 * any other answer goes to `then(reply)`. `onCancel` leaves the step.
 */
export function askPassword({ introKey, attempt, then, onCancel }) {
  const form = h('form', { novalidate: true },
    ...field('step-up-password', 'field.password', { type: 'password', autocomplete: 'current-password', required: true }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', i18n: 'stepUp.submit' }),
      onCancel ? h('button', { type: 'button', class: 'secondary', i18n: 'stepUp.cancel', onclick: onCancel }) : null));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = form.elements.namedItem('step-up-password');
    if (!input.value) {
      showError({ message: t('error.required') });
      input.focus();
      return;
    }
    const reply = await whileBusy(form, () => attempt(input.value));
    if (!reply.ok && reply.error.code === 'invalid_credentials') {
      refuse(reply.error);
      input.value = '';
      input.focus();
      return;
    }
    then(reply);
  });
  show(
    h('h1', { i18n: 'stepUp.heading' }),
    h('p', { i18n: introKey }),
    h('p', { class: 'hint', i18n: 'stepUp.why' }),
    form);
}
