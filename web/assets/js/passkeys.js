// The account's passkeys: listed with when each was added and last used; added (the password again, then the browser's
// own prompt), renamed, removed (the password again). The password is asked here unless the page already holds it from
// the sign-in; like the access token, it lives in this page's memory only.
import { h, field, show, showError, showInfo, whileBusy, clearFeedback } from './ui.js';
import { call, post } from './api.js';
import { t, language } from './i18n.js';
import { refuse } from './errors.js';
import { createPasskey, passkeysSupported } from './webauthn.js';

const when = (iso) => new Intl.DateTimeFormat(language() === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** Registers a new passkey: `{ passkey }`, or `{ error }` (an API refusal) or `{ problem }` (the browser's, a translation key). */
export async function addPasskey(bearer, password, name) {
  const options = await post('/api/account/passkeys/options', { password }, { bearer });
  if (!options.ok) return { error: options.error };
  const { credential, problem } = await createPasskey(options.body.options);
  if (problem) return { problem };
  const registered = await post('/api/account/passkeys', { challengeId: options.body.challengeId, name: name || undefined, credential }, { bearer });
  return registered.ok ? { passkey: registered.body } : { error: registered.error };
}

function passwordField(id) {
  return field(id, 'field.password', { type: 'password', autocomplete: 'current-password', required: true }, 'passkeys.passwordHint');
}

function report({ error, problem }) {
  if (error) refuse(error);
  else showError({ message: t(problem) });
}

/** The list of the account's passkeys and the form to add one. `password`: the one just typed at sign-in, if any. */
export async function managePasskeys(bearer, { password = null, onBack = null, infoKey = null, infoVars = {} } = {}) {
  const reply = await call('GET', '/api/account/passkeys', undefined, { bearer });
  if (!reply.ok) {
    refuse(reply.error);
    return;
  }
  const again = (key, vars = {}) => managePasskeys(bearer, { password, onBack, infoKey: key, infoVars: vars });
  const { passkeys } = reply.body;

  const rows = passkeys.map((passkey) => passkeyRow(passkey, bearer, password, again));
  const list = rows.length
    ? h('ul', { class: 'passkeys', id: 'passkey-list', 'aria-labelledby': 'passkeys-heading' }, ...rows)
    : h('p', { class: 'hint', id: 'passkey-list', i18n: 'passkeys.none' });

  const addForm = h('form', { novalidate: true, 'aria-labelledby': 'passkey-add-heading' },
    ...field('passkey-name', 'passkeys.name', { autocomplete: 'off', maxlength: 64 }, 'passkeys.nameHint'),
    ...(password ? [] : passwordField('passkey-password')),
    h('button', { type: 'submit', i18n: 'passkeys.add' }));
  addForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const typed = addForm.elements.namedItem('passkey-password');
    if (typed && !typed.value) {
      showError({ message: t('error.required') });
      typed.focus();
      return;
    }
    const name = addForm.elements.namedItem('passkey-name').value.trim();
    const added = await whileBusy(addForm, () => addPasskey(bearer, password || typed.value, name));
    if (added.passkey) {
      again('passkeys.added', { name: added.passkey.name });
    } else {
      report(added);
      if (typed) typed.value = '';
    }
  });

  const back = onBack ? h('button', { type: 'button', class: 'secondary', i18n: 'passkeys.back' }) : null;
  back?.addEventListener('click', onBack);
  show(
    h('h1', { i18n: 'passkeys.heading' }),
    h('p', { i18n: 'passkeys.intro' }),
    h('h2', { id: 'passkeys-heading', i18n: 'passkeys.listHeading' }),
    list,
    h('h2', { id: 'passkey-add-heading', i18n: 'passkeys.addHeading' }),
    passkeysSupported() ? addForm : h('p', { class: 'hint', i18n: 'passkey.unsupported' }),
    back ? h('p', { class: 'actions' }, back) : null);
  if (infoKey) showInfo(infoKey, infoVars);
}

function passkeyRow(passkey, bearer, password, again) {
  const item = h('li', { class: 'passkey' });
  const view = () => {
    const rename = h('button', { type: 'button', class: 'secondary', i18n: 'passkeys.rename', 'aria-label': t('passkeys.renameNamed', { name: passkey.name }) });
    const remove = h('button', { type: 'button', class: 'secondary', i18n: 'passkeys.remove', 'aria-label': t('passkeys.removeNamed', { name: passkey.name }) });
    rename.addEventListener('click', renaming);
    remove.addEventListener('click', removing);
    item.replaceChildren(
      h('span', { class: 'passkey-name', text: passkey.name }),
      h('span', { class: 'hint', text: [
        t('passkeys.addedOn', { at: when(passkey.createdAt) }),
        passkey.lastUsedAt ? t('passkeys.lastUsed', { at: when(passkey.lastUsedAt) }) : t('passkeys.neverUsed'),
        passkey.synced ? t('passkeys.synced') : null,
      ].filter(Boolean).join(' · ') }),
      h('span', { class: 'actions' }, rename, remove));
  };

  const renaming = () => {
    const form = h('form', { novalidate: true },
      ...field(`rename-${passkey.id}`, 'passkeys.newName', { value: passkey.name, maxlength: 64, required: true }),
      h('span', { class: 'actions' }, h('button', { type: 'submit', i18n: 'passkeys.save' }), cancel()));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const name = form.elements.namedItem(`rename-${passkey.id}`).value.trim();
      const reply = await whileBusy(form, () => call('PATCH', `/api/account/passkeys/${encodeURIComponent(passkey.id)}`, { name }, { bearer }));
      if (reply.ok) again('passkeys.renamed', { name: reply.body.name });
      else refuse(reply.error);
    });
    item.replaceChildren(form);
    form.querySelector('input').focus();
  };

  const removing = () => {
    const form = h('form', { novalidate: true },
      h('p', { i18n: 'passkeys.removeConfirm', vars: { name: passkey.name } }),
      ...(password ? [] : passwordField(`remove-password-${passkey.id}`)),
      h('span', { class: 'actions' }, h('button', { type: 'submit', i18n: 'passkeys.removeConfirmButton' }), cancel()));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const typed = form.elements.namedItem(`remove-password-${passkey.id}`);
      if (typed && !typed.value) {
        showError({ message: t('error.required') });
        typed.focus();
        return;
      }
      const reply = await whileBusy(form, () =>
        call('DELETE', `/api/account/passkeys/${encodeURIComponent(passkey.id)}`, { password: password || typed.value }, { bearer }));
      if (reply.ok) {
        again('passkeys.removed', { name: passkey.name });
      } else {
        refuse(reply.error);
        if (typed) typed.value = '';
      }
    });
    item.replaceChildren(form);
    (form.querySelector('input') || form.querySelector('button')).focus();
  };

  const cancel = () => {
    const button = h('button', { type: 'button', class: 'link-button', i18n: 'passkeys.cancel' });
    button.addEventListener('click', () => {
      clearFeedback();
      view();
      item.querySelector('button').focus();
    });
    return button;
  };

  view();
  return item;
}

/**
 * The organization requires a passkey this account lacks: set one up with the enrolment token of the sign-in (and the
 * password just typed), then sign in again.
 */
export function enrolPasskey(enrollmentToken, password, { onDone }) {
  const form = h('form', { novalidate: true },
    ...field('passkey-name', 'passkeys.name', { autocomplete: 'off', maxlength: 64 }, 'passkeys.nameHint'),
    h('button', { type: 'submit', i18n: 'passkeys.add' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const added = await whileBusy(form, () => addPasskey(enrollmentToken, password, form.elements.namedItem('passkey-name').value.trim()));
    if (added.passkey) onDone(added.passkey);
    else report(added);
  });
  show(
    h('h1', { i18n: 'passkeys.requiredHeading' }),
    h('p', { i18n: 'passkeys.required' }),
    passkeysSupported() ? form : h('p', { class: 'hint', i18n: 'passkey.unsupported' }));
}
