// Words for an API refusal's details, and the way out it calls for (API.md error codes).
import { h, link, showError } from './ui.js';
import { t } from './i18n.js';

/**
 * What to show under a refusal's message: `detail` (an element or null) and `action` (a link or null). `signIn`: the
 * refusal answers a sign-in form (where a lock is worth explaining).
 */
export function explain(error, { signIn = false } = {}) {
  const details = error.details || {};
  switch (error.code) {
    case 'password_policy':
      return {
        detail: h('ul', {}, ...(details.violations || []).map((violation) =>
          h('li', { i18n: `violation.${violation}`, vars: { minLength: details.minLength } }))),
        action: null,
      };
    case 'passkey_invalid':
      return { detail: details.reason ? h('p', { i18n: `passkeyProblem.${details.reason}` }) : null, action: null };
    case 'invalid_code':
      return { detail: details.reason ? h('p', { i18n: `code.${details.reason}` }) : null, action: null };
    case 'reset_link_invalid':
      return { detail: details.reason ? h('p', { i18n: `linkProblem.${details.reason}` }) : null, action: null };
    case 'invalid_credentials':
      // At sign-in, the same answer for a wrong password and a locked account (API.md: no oracle): say both, and both ways out.
      return { detail: signIn ? h('p', { class: 'hint', i18n: 'signIn.lockedHint' }) : null, action: link('/forgot-password', 'signIn.forgot') };
    case 'account_deactivated':
      return { detail: null, action: error.remedyCode === 'reset_password_to_reactivate' ? link('/forgot-password', 'signIn.forgot') : null };
    case 'too_many_requests':
      return { detail: h('p', { i18n: 'error.waitAMinute' }), action: null };
    default:
      return { detail: null, action: null };
  }
}

/** Shows a refusal with its words and way out. */
export function refuse(error, options) {
  showError(error, explain(error, options));
}
