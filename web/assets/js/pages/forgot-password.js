// "Forgot your password?": the answer is the same whatever the login (API.md), so the page says what happens next
// without saying whether an account exists.
import { start } from '../page.js';
import { h, field, show, showError, whileBusy, link } from '../ui.js';
import { post } from '../api.js';
import { t } from '../i18n.js';
import { refuse } from '../errors.js';

function ask() {
  const form = h('form', { novalidate: true },
    ...field('login', 'field.login', { autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' }),
    h('button', { type: 'submit', i18n: 'forgot.submit' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const login = form.elements.namedItem('login');
    if (!login.value.trim()) {
      showError({ message: t('error.required') });
      login.focus();
      return;
    }
    const reply = await whileBusy(form, () => post('/api/password/forgot', { login: login.value.trim() }));
    if (!reply.ok) {
      refuse(reply.error);
      return;
    }
    show(
      h('h1', { i18n: 'forgot.sentHeading' }),
      h('p', { text: reply.body.message }),
      h('p', { class: 'hint', i18n: 'forgot.sentHint' }),
      h('p', {}, link('/sign-in', 'link.backToSignIn')));
  });
  show(h('h1', { i18n: 'forgot.heading' }), h('p', { class: 'hint', i18n: 'forgot.intro' }), form, h('p', {}, link('/sign-in', 'link.backToSignIn')));
}

start(ask);
