// A refusal of the API shown where it happened — next to the field it names, or under the button that asked — rather
// than only at the top of a long console page. It is an alert, so screen readers announce it there too.
import { h } from './ui.js';
import { explain } from './errors.js';

/** Removes the refusals `container` shows and the marks they put on its fields. */
export function clearInline(container) {
  container.querySelectorAll('.inline-error').forEach((element) => element.remove());
  container.querySelectorAll('[aria-invalid]').forEach((input) => {
    input.removeAttribute('aria-invalid');
    const describedBy = (input.getAttribute('aria-describedby') || '').split(' ').filter((id) => !id.endsWith('-error')).join(' ');
    if (describedBy) input.setAttribute('aria-describedby', describedBy);
    else input.removeAttribute('aria-describedby');
  });
}

/**
 * Shows `error` after the field of `container` that `details.field` names (marked invalid, its description pointing at
 * the refusal), else after `fallback`. Answers the element shown.
 */
export function showInline(container, error, fallback) {
  clearInline(container);
  const field = error.details?.field ? container.querySelector(`[name="${CSS.escape(error.details.field)}"]`) : null;
  const id = `${field ? field.id : 'action'}-error`;
  const { detail } = explain(error);
  const shown = h('div', { class: 'inline-error', id, role: 'alert' },
    h('p', { class: 'message', text: error.message }),
    // What is wrong with the field, as the API words it ("must be between 1 and 20").
    error.details?.problem ? h('p', { class: 'problem', text: error.details.problem }) : null,
    detail,
    error.remedy ? h('p', { class: 'remedy', text: error.remedy }) : null);
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', [field.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    field.after(shown);
  } else {
    fallback.after(shown);
  }
  return shown;
}
