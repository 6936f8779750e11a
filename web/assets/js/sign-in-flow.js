// Sign-in as API.md tells it: the password, then — when the answer asks for it — the second factor or a new password,
// until a login result with status "ok". The access token stays in memory: it is handed to `onSignedIn` and gone
// when the page is.
import { h, field, show, showError, showInfo, whileBusy, link, clearFeedback } from './ui.js';
import { post } from './api.js';
import { t } from './i18n.js';
import { refuse } from './errors.js';
import { newPasswordFields, readNewPassword } from './password-fields.js';
import { enrolTotp } from './totp-enrolment.js';
import { deviceTokenFor, keepDeviceToken } from './device-tokens.js';
import { enrolPasskey } from './passkeys.js';
import { conditionalMediationAvailable, getPasskey, passkeysSupported } from './webauthn.js';

const portals = ['employee', 'management', 'client'];

// The passkey request waiting in the login field's suggestions (conditional UI), ended when the form goes away or a
// passkey is asked for by the button.
let waitingPasskey = null;

/** Ends the passkey request waiting in the login field, once it has let go (a browser takes one request at a time). */
async function stopWaitingPasskey() {
  const waiting = waitingPasskey;
  waitingPasskey = null;
  if (!waiting) return;
  waiting.controller.abort();
  await waiting.settled;
}

/** Signs in with a passkey alone (a discoverable one: no login needed), `mediation` 'conditional' from the login field. */
async function passkeySignIn(form, { mediation, signal, onSignedIn, restart }) {
  const options = await post('/api/auth/passkey/options', {});
  if (!options.ok) {
    if (!mediation) refuse(options.error);
    return;
  }
  const { credential, problem, aborted } = await getPasskey(options.body.options, { mediation, signal });
  if (!credential) {
    // Closing the browser's prompt is not an error worth a red box; a conditional request just stops.
    if (!mediation && !aborted && problem !== 'passkey.cancelled') showError({ message: t(problem) });
    return;
  }
  waitingPasskey = null;
  const portal = form.elements.namedItem('portal').value;
  const reply = await whileBusy(form, () => post('/api/auth/passkey/verify', { challengeId: options.body.challengeId, credential, portal }));
  if (!reply.ok) {
    refuse(reply.error);
    return;
  }
  await continueWith(reply.body, { password: null, changed: false, onSignedIn, restart });
}

/**
 * Shows the sign-in form. `onSignedIn(result, context)` receives the login result and what was typed
 * (`context.password`, and `context.changed` when a new password was chosen on the way).
 */
export function signInForm({ headingKey = 'signIn.heading', introKey = null, submitKey = 'signIn.submit', onSignedIn, error = null }) {
  const asked = new URLSearchParams(window.location.search).get('portal');
  stopWaitingPasskey();
  // "username webauthn": where the browser supports it, the person's passkeys are offered among the login suggestions.
  const form = h('form', { novalidate: true },
    ...field('login', 'field.login', { autocomplete: 'username webauthn', required: true, autocapitalize: 'none', spellcheck: 'false' }),
    ...field('password', 'field.password', { type: 'password', autocomplete: 'current-password', required: true }),
    h('label', { for: 'portal', i18n: 'field.portal' }),
    h('select', { id: 'portal', name: 'portal' },
      ...portals.map((portal) => h('option', { value: portal, i18n: `portal.${portal}`, selected: portal === asked }))),
    h('button', { type: 'submit', i18n: submitKey }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const login = form.elements.namedItem('login');
    const password = form.elements.namedItem('password');
    const empty = [login, password].find((input) => !input.value.trim());
    if (empty) {
      showError({ message: t('error.required') });
      empty.focus();
      return;
    }
    await stopWaitingPasskey();
    const typed = login.value.trim();
    const reply = await whileBusy(form, () =>
      post('/api/auth/login', { login: typed, password: password.value, portal: form.elements.namedItem('portal').value, deviceToken: deviceTokenFor(typed) }));
    if (!reply.ok) {
      refuse(reply.error, { signIn: true });
      password.value = '';
      return;
    }
    await continueWith(reply.body, { login: typed, password: password.value, changed: false, onSignedIn, restart: () => signInForm({ headingKey, introKey, submitKey, onSignedIn }) });
  });

  const restart = () => signInForm({ headingKey, introKey, submitKey, onSignedIn });
  const withPasskey = passkeysSupported() ? h('button', { type: 'button', class: 'secondary', id: 'passkey-sign-in', i18n: 'passkey.signIn' }) : null;
  withPasskey?.addEventListener('click', async () => {
    await stopWaitingPasskey();
    await passkeySignIn(form, { onSignedIn, restart });
  });

  show(
    h('h1', { i18n: headingKey }),
    introKey ? h('p', { class: 'hint', i18n: introKey }) : null,
    form,
    withPasskey ? h('p', { class: 'actions' }, withPasskey) : null,
    h('p', { class: 'actions' }, link('/forgot-password', 'signIn.forgot'), link('/change-password', 'signIn.changePassword')));
  if (error) refuse(error);

  conditionalMediationAvailable().then((available) => {
    if (!available || !form.isConnected) return;
    const controller = new AbortController();
    const settled = passkeySignIn(form, { mediation: 'conditional', signal: controller.signal, onSignedIn, restart }).catch(() => {});
    waitingPasskey = { controller, settled };
  });
}

/** The next step after a login result. */
export async function continueWith(result, context) {
  switch (result.status) {
    case 'two_factor_required':
      return twoFactorStep(result, context);
    case 'password_change_required':
      return changeRequiredStep(result, context);
    case 'two_factor_enrollment_required':
      if (result.methods && result.methods.length === 1 && result.methods[0] === 'passkey') {
        // The organization requires phishing-resistant sign-in: a passkey, set up with the enrolment token.
        return enrolPasskey(result.enrollmentToken, context.password, {
          onDone: () => {
            context.restart();
            showInfo('passkeys.signInAgain');
          },
        });
      }
      // The organization requires a second factor: set one up with the enrolment token, then sign in again.
      return enrolTotp(result.enrollmentToken, {
        introKey: 'totp.required',
        doneKey: 'totp.signInAgain',
        onDone: () => {
          context.restart();
          showInfo('totp.signInAgain');
        },
      });
    default:
      // Signed in: this browser is now a trusted device of the login (the 2FA and new-password steps end here too).
      // The login goes with the answer so that the session's refreshes send and keep this login's device token.
      keepDeviceToken(context.login, result);
      return context.onSignedIn(context.login ? { ...result, login: context.login } : result, context);
  }
}

function twoFactorStep({ challengeId, methods, passkeyOptions }, context) {
  const usePasskey = passkeyOptions && passkeysSupported() ? h('button', { type: 'button', id: 'use-passkey', i18n: 'passkey.useForSecondFactor' }) : null;
  usePasskey?.addEventListener('click', async () => {
    const { credential, problem } = await getPasskey(passkeyOptions);
    if (!credential) {
      showError({ message: t(problem) });
      return;
    }
    const reply = await post('/api/auth/2fa/verify', { challengeId, credential });
    if (reply.ok) {
      await continueWith(reply.body, context);
      return;
    }
    if (reply.error.code === 'challenge_expired') context.restart();
    refuse(reply.error);
  });
  if (methods.length === 1 && methods[0] === 'passkey') {
    // Only a passkey answers this sign-in (the organization requires phishing-resistant sign-in).
    show(
      h('h1', { i18n: 'twoFactor.heading' }),
      h('p', { i18n: 'passkey.secondFactorOnly' }),
      usePasskey ? h('p', { class: 'actions' }, usePasskey) : h('p', { class: 'hint', i18n: 'passkey.unsupported' }));
    return;
  }

  let recovery = false;
  const label = h('label', { for: 'code', i18n: 'field.code' });
  const input = h('input', { id: 'code', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', required: true, 'aria-describedby': 'code-hint' });
  const hint = h('p', { class: 'hint', id: 'code-hint', i18n: methods.includes('totp') ? 'twoFactor.hint.totp' : 'twoFactor.hint.send' });
  const form = h('form', { novalidate: true }, label, hint, input, h('button', { type: 'submit', i18n: 'twoFactor.submit' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = input.value.trim();
    if (!value) {
      showError({ message: t('error.required') });
      input.focus();
      return;
    }
    const body = recovery ? { challengeId, recoveryCode: value } : { challengeId, code: value.replace(/\s/g, '') };
    const reply = await whileBusy(form, () => post('/api/auth/2fa/verify', body));
    if (reply.ok) {
      await continueWith(reply.body, context);
      return;
    }
    if (reply.error.code === 'challenge_expired') {
      // Five wrong codes or too long: the sign-in starts again, and says why.
      context.restart();
      refuse(reply.error);
      return;
    }
    refuse(reply.error);
    input.value = '';
    input.focus();
  });

  const senders = ['sms', 'voice', 'email'].filter((method) => methods.includes(method)).map((method) => {
    const button = h('button', { type: 'button', class: 'secondary', i18n: `twoFactor.send.${method}` });
    button.addEventListener('click', async () => {
      const reply = await whileBusy(form, () => post('/api/auth/2fa/send', { challengeId, method }));
      if (reply.ok) {
        showInfo(`twoFactor.sent.${method}`);
        input.focus();
      } else {
        refuse(reply.error);
      }
    });
    return button;
  });

  const useRecovery = methods.includes('recovery_code')
    ? h('button', { type: 'button', class: 'link-button', i18n: 'twoFactor.useRecovery' })
    : null;
  useRecovery?.addEventListener('click', () => {
    recovery = !recovery;
    label.dataset.i18n = recovery ? 'field.recoveryCode' : 'field.code';
    label.textContent = t(label.dataset.i18n);
    hint.dataset.i18n = recovery ? 'twoFactor.hint.recovery' : (methods.includes('totp') ? 'twoFactor.hint.totp' : 'twoFactor.hint.send');
    hint.textContent = t(hint.dataset.i18n);
    useRecovery.dataset.i18n = recovery ? 'twoFactor.useCode' : 'twoFactor.useRecovery';
    useRecovery.textContent = t(useRecovery.dataset.i18n);
    input.setAttribute('inputmode', recovery ? 'text' : 'numeric');
    input.value = '';
    clearFeedback();
    input.focus();
  });

  show(
    h('h1', { i18n: 'twoFactor.heading' }),
    usePasskey ? h('p', { class: 'actions' }, usePasskey) : null,
    usePasskey ? h('p', { class: 'hint', i18n: 'passkey.orCode' }) : null,
    form,
    senders.length ? h('div', { class: 'actions', role: 'group', 'aria-label': t('twoFactor.sendGroup') }, ...senders) : null,
    h('p', { class: 'hint', i18n: 'twoFactor.latestOnly' }),
    useRecovery ? h('p', {}, useRecovery) : null);
}

function changeRequiredStep({ reason, changeToken }, context) {
  const form = h('form', { novalidate: true }, ...newPasswordFields(), h('button', { type: 'submit', i18n: 'change.submit' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const newPassword = readNewPassword(form);
    if (newPassword === null) return;
    const reply = await whileBusy(form, () => post('/api/password/change', { changeToken, newPassword }));
    if (reply.ok) {
      await continueWith(reply.body, { ...context, password: newPassword, changed: true });
      return;
    }
    refuse(reply.error);
    if (reply.error.code === 'unauthorized' || reply.error.code === 'invalid_credentials') {
      // The change token lives minutes: sign in again for a new one.
      context.restart();
      refuse(reply.error);
    }
  });
  show(
    h('h1', { i18n: 'change.heading' }),
    h('p', { i18n: reason === 'temporary' ? 'change.reason.temporary' : 'change.reason.expired' }),
    h('p', { class: 'hint', i18n: 'rules.generic' }),
    form);
}
