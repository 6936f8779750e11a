// The pages of the emailed links: /reset-password (a reset email) and /activate (a welcome kit), told apart by
// <body data-purpose>. Opening the page checks the link without using it; only the form's POST redeems it.
import { start } from '../page.js';
import { h, show, showError, whileBusy, link } from '../ui.js';
import { post } from '../api.js';
import { language, t } from '../i18n.js';
import { explain } from '../errors.js';
import { takeLinkToken } from '../link-token.js';
import { newPasswordFields, readNewPassword } from '../password-fields.js';

const purpose = document.body.dataset.purpose === 'activation' ? 'activation' : 'reset';
const words = purpose === 'activation' ? 'activate' : 'reset';

function unusable(error) {
  show(h('h1', { i18n: 'link.invalidHeading' }));
  const { detail } = explain(error);
  const wayOut = purpose === 'activation'
    ? h('span', { i18n: 'activate.askAdministrator' })
    : link('/forgot-password', 'link.askNew');
  showError(error, { detail, action: wayOut });
}

function rules({ minLength, maxLength, history }) {
  return h('ul', { class: 'rules', id: 'password-rules' },
    h('li', { i18n: 'rules.length', vars: { minLength, maxLength } }),
    history > 0 ? h('li', { i18n: 'rules.history', vars: { history } }) : null,
    h('li', { i18n: 'rules.username' }),
    h('li', { i18n: 'rules.common' }));
}

function choose(token, check) {
  const until = new Intl.DateTimeFormat(language(), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(check.expiresAt));
  const form = h('form', { novalidate: true }, ...newPasswordFields(), h('button', { type: 'submit', i18n: `${words}.submit` }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const newPassword = readNewPassword(form);
    if (newPassword === null) return;
    const reply = await whileBusy(form, () => post('/api/password/reset', { token, newPassword }));
    if (reply.ok) {
      show(
        h('h1', { i18n: `${words}.doneHeading` }),
        h('p', { i18n: `${words}.done` }),
        h('p', {}, h('a', { class: 'button', href: '/sign-in', i18n: 'link.signIn' })));
      return;
    }
    if (reply.error.code === 'reset_link_invalid') {
      unusable(reply.error);
      return;
    }
    showError(reply.error, explain(reply.error));
  });
  show(
    h('h1', { i18n: `${words}.heading` }),
    h('p', { class: 'hint', i18n: 'link.validUntil', vars: { until } }),
    h('h2', { i18n: 'rules.heading' }),
    rules(check.passwordRules),
    form);
}

start(async () => {
  const token = takeLinkToken();
  if (!token) {
    unusable({ code: 'reset_link_invalid', message: t('link.missing'), details: {} });
    return;
  }
  show(h('h1', { i18n: `${words}.heading` }), h('p', { i18n: 'link.checking' }));
  const check = await post('/api/password/reset/check', { token });
  if (check.ok) {
    choose(token, check.body);
  } else if (check.error.code === 'reset_link_invalid') {
    unusable(check.error);
  } else {
    showError(check.error, explain(check.error));
  }
});
