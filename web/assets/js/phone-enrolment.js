// Adding a phone for sign-in codes (SMS and calls): the number, the password again when a second factor is enrolled
// already (step-up), then the code sent to that phone, which proves it reaches the person (API.md: 202, then confirm).
import { h, field, show, showError, showInfo, whileBusy } from './ui.js';
import { post } from './api.js';
import { t } from './i18n.js';
import { refuse } from './errors.js';
import { askPassword, needsPassword } from './step-up.js';

export function enrolPhone(bearer, { onDone, onCancel }) {
  const form = h('form', { novalidate: true },
    ...field('phone', 'field.phone', { type: 'tel', autocomplete: 'tel', required: true }, 'phone.hint'),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', i18n: 'phone.send' }),
      h('button', { type: 'button', class: 'secondary', i18n: 'stepUp.cancel', onclick: onCancel })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = form.elements.namedItem('phone');
    const phone = input.value.replace(/[\s().-]/g, '');
    if (!phone) {
      showError({ message: t('error.required') });
      input.focus();
      return;
    }
    const reply = await whileBusy(form, () => post('/api/account/2fa/phone', { phone }, { bearer }));
    if (needsPassword(reply)) {
      askPassword({
        introKey: 'stepUp.addPhone',
        attempt: (password) => post('/api/account/2fa/phone', { phone, password }, { bearer }),
        then: (again) => codeSent(again, phone, bearer, { onDone, onCancel }),
        onCancel,
      });
      return;
    }
    codeSent(reply, phone, bearer, { onDone, onCancel });
  });
  show(h('h1', { i18n: 'phone.heading' }), h('p', { i18n: 'phone.intro' }), form);
}

function codeSent(reply, phone, bearer, { onDone, onCancel }) {
  if (!reply.ok) {
    refuse(reply.error);
    return;
  }
  const form = h('form', { novalidate: true },
    ...field('phone-code', 'field.code', { inputmode: 'numeric', autocomplete: 'one-time-code', required: true }, 'phone.codeHint'),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', i18n: 'phone.confirm' }),
      h('button', { type: 'button', class: 'secondary', i18n: 'stepUp.cancel', onclick: onCancel })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = form.elements.namedItem('phone-code');
    const code = input.value.replace(/\s/g, '');
    const confirmed = await whileBusy(form, () => post('/api/account/2fa/phone/confirm', { code }, { bearer }));
    if (!confirmed.ok) {
      refuse(confirmed.error);
      input.value = '';
      input.focus();
      return;
    }
    onDone('phone.enrolled');
  });
  show(h('h1', { i18n: 'phone.codeHeading' }), h('p', { i18n: 'phone.sentTo', vars: { phone } }), form);
  showInfo('phone.sent');
}
