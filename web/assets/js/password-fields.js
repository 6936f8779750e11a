// The new-password pair of every page that sets one (reset, activation, change), checked for a match before sending:
// the rules themselves are the API's (password_policy), shown as it words them.
import { field, showError } from './ui.js';
import { t } from './i18n.js';

export function newPasswordFields() {
  return [
    ...field('new-password', 'field.newPassword', { type: 'password', autocomplete: 'new-password', required: true }),
    ...field('confirm-password', 'field.confirmPassword', { type: 'password', autocomplete: 'new-password', required: true }),
  ];
}

/** The new password typed twice, or null (and the problem shown, the focus on the field) when it cannot be sent. */
export function readNewPassword(form) {
  const password = form.elements.namedItem('new-password');
  const confirmation = form.elements.namedItem('confirm-password');
  if (!password.value) {
    showError({ message: t('error.required') });
    password.focus();
    return null;
  }
  if (password.value !== confirmation.value) {
    showError({ message: t('error.passwordsDiffer') });
    confirmation.focus();
    return null;
  }
  return password.value;
}
