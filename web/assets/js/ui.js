// Small DOM helpers shared by the pages: building elements, switching panels, and the one feedback region that
// screen readers announce (role="alert" for refusals, role="status" for news).
import { t, onLanguageChange } from './i18n.js';

/** An element with attributes (`text` sets its words, `i18n` a translation key kept in step with the language). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') element.textContent = value;
    else if (name === 'i18n') translated(element, value, attributes.vars || {});
    else if (name === 'vars') continue;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2).toLowerCase(), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.filter((child) => child !== null && child !== undefined));
  return element;
}

/** Gives `element` the words of `key` now and again whenever the language changes. */
export function translated(element, key, vars = {}) {
  element.dataset.i18n = key;
  element.dataset.i18nVars = JSON.stringify(vars);
  element.textContent = t(key, vars);
  return element;
}

onLanguageChange(() => {
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n, JSON.parse(element.dataset.i18nVars || '{}'));
  }
  for (const element of document.querySelectorAll('[data-i18n-alt]')) {
    element.setAttribute('alt', t(element.dataset.i18nAlt));
  }
  const title = document.querySelector('main h1:not([hidden])');
  if (title) document.title = `${title.textContent} · AccountAccess`;
});

/** A labelled field: the label, optional hint, and the input, tied together for assistive technology. */
export function field(id, labelKey, inputAttributes = {}, hintKey = null, hintVars = {}) {
  const hint = hintKey ? h('p', { class: 'hint', id: `${id}-hint`, i18n: hintKey, vars: hintVars }) : null;
  const input = h('input', { id, name: id, 'aria-describedby': hint ? `${id}-hint` : null, ...inputAttributes });
  return [h('label', { for: id, i18n: labelKey }), hint, input];
}

/** Replaces what `main` shows with `content` and moves the focus to its heading, announcing the new step. */
export function show(...content) {
  const main = document.getElementById('main');
  const feedback = feedbackRegion();
  main.replaceChildren(...content.filter((part) => part !== null && part !== undefined));
  const heading = main.querySelector('h1');
  heading.after(feedback);
  heading.setAttribute('tabindex', '-1');
  document.title = `${heading.textContent} · AccountAccess`;
  heading.focus();
}

function feedbackRegion() {
  let region = document.getElementById('feedback');
  if (!region) {
    region = h('div', { id: 'feedback', class: 'feedback', 'aria-live': 'assertive' });
  }
  clearFeedback(region);
  return region;
}

function clearFeedback(region = document.getElementById('feedback')) {
  if (!region) return;
  region.replaceChildren();
  region.className = 'feedback';
  region.removeAttribute('role');
}

export { clearFeedback };

/**
 * Shows a refusal of the API: its `message` (in the language asked for), the remedy it gives, words for its details
 * where they help, and the way out (`action`: a link).
 */
export function showError(error, { detail = null, action = null } = {}) {
  const region = document.getElementById('feedback');
  region.className = 'feedback error';
  region.setAttribute('role', 'alert');
  region.replaceChildren(...[
    h('p', { class: 'message', text: error.message }),
    detail,
    error.remedy ? h('p', { class: 'remedy', text: error.remedy }) : null,
    action ? h('p', {}, action) : null,
  ].filter(Boolean));
}

/** Shows news (a code sent, a password set), announced politely. */
export function showInfo(key, vars = {}, extra = null) {
  const region = document.getElementById('feedback');
  region.className = 'feedback info';
  region.setAttribute('role', 'status');
  region.replaceChildren(...[h('p', { i18n: key, vars }), extra].filter(Boolean));
}

/** Disables a form's controls while its request runs, so a double click sends it once. */
export async function whileBusy(form, work) {
  const controls = [...form.querySelectorAll('button, input, select')];
  controls.forEach((control) => { control.disabled = true; });
  form.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    controls.forEach((control) => { control.disabled = false; });
    form.removeAttribute('aria-busy');
  }
}

/** A link to another page (`/forgot-password`…), its words translated. */
export function link(href, key) {
  return h('a', { href, i18n: key });
}
