// Setting up an authenticator app (TOTP): the QR code and key, a first code to confirm, then the recovery codes.
// `bearer` is an access token, or the enrolment token of a sign-in that requires a second factor.
import { h, field, show, showError, showInfo, whileBusy } from './ui.js';
import { post } from './api.js';
import { t } from './i18n.js';
import { refuse } from './errors.js';
import { askPassword, needsPassword } from './step-up.js';

export async function enrolTotp(bearer, { introKey = null, doneKey = 'totp.continue', onDone, onCancel = null }) {
  const reply = await post('/api/account/2fa/totp', undefined, { bearer });
  if (needsPassword(reply)) {
    // A second factor is enrolled: replacing it needs the password again (step-up).
    askPassword({
      introKey: 'stepUp.replaceTotp',
      attempt: (password) => post('/api/account/2fa/totp', { password }, { bearer }),
      then: (again) => showEnrolment(again, bearer, { introKey, doneKey, onDone }),
      onCancel,
    });
    return;
  }
  showEnrolment(reply, bearer, { introKey, doneKey, onDone });
}

function showEnrolment(reply, bearer, { introKey, doneKey, onDone }) {
  if (!reply.ok) {
    refuse(reply.error);
    return;
  }
  const { secret, qrCodeSvg } = reply.body;
  const qr = h('img', {
    class: 'qr',
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrCodeSvg)}`,
    alt: t('totp.qrAlt'),
    'data-i18n-alt': 'totp.qrAlt',
  });
  const form = h('form', { novalidate: true },
    ...field('totp-code', 'field.code', { inputmode: 'numeric', autocomplete: 'one-time-code', required: true }, 'totp.codeHint'),
    h('button', { type: 'submit', i18n: 'totp.confirm' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = form.elements.namedItem('totp-code');
    const code = input.value.replace(/\s/g, '');
    if (!code) {
      showError({ message: t('error.required') });
      input.focus();
      return;
    }
    const confirmed = await whileBusy(form, () => post('/api/account/2fa/totp/confirm', { code }, { bearer }));
    if (!confirmed.ok) {
      refuse(confirmed.error);
      input.value = '';
      input.focus();
      return;
    }
    recoveryCodes(confirmed.body.recoveryCodes, doneKey, onDone);
  });
  show(
    h('h1', { i18n: 'totp.heading' }),
    introKey ? h('p', { i18n: introKey }) : null,
    h('p', { i18n: 'totp.scan' }),
    qr,
    h('p', { i18n: 'totp.manual' }),
    h('p', { class: 'secret', id: 'totp-secret', text: secret }),
    form);
}

function recoveryCodes(codes, doneKey, onDone) {
  const done = h('button', { type: 'button', i18n: 'totp.kept' });
  done.addEventListener('click', onDone);
  show(
    h('h1', { i18n: 'totp.doneHeading' }),
    h('p', { i18n: 'totp.recoveryIntro' }),
    h('ul', { class: 'codes', id: 'recovery-codes' }, ...codes.map((code) => h('li', { text: code }))),
    doneKey === 'totp.signInAgain' ? h('p', { class: 'hint', i18n: 'totp.signInAgain' }) : null,
    done);
  showInfo('totp.enrolled');
}
