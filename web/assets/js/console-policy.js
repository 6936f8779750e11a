// An organization's policy in the console: its preset, each deviation from the preset with the rule it breaks in words,
// and the form that sets it (PUT /api/organizations/{orgId}/policy). The API decides: the form sends what is typed, and
// a refusal shows next to the field it names (invalid_request) or under the button (403 forbidden…).
import { h, whileBusy } from './ui.js';
import { t } from './i18n.js';
import { clearInline, showInline } from './console-inline.js';

/** The presets of API.md, by their wire name, with the key of their words. */
const presets = { 'pci-dss-4': 'preset.pciDss', 'nist-800-63b': 'preset.nist' };

/** The fields of the policy the form edits, in API.md's order, with their kind. */
const fields = [
  ['maxFailedAttempts', 'number'],
  ['lockoutMinutes', 'number'],
  ['passwordMaxAgeDays', 'number'],
  ['passwordExpiryReminderDays', 'number'],
  ['minPasswordLength', 'number'],
  ['passwordHistory', 'number'],
  ['sessionIdleMinutes', 'number'],
  ['sessionMaxDays', 'number'],
  ['minimumAppVersion', 'text'],
  ['requireTwoFactor', 'flag'],
  ['unlockByPasswordReset', 'flag'],
  ['emailSecondFactor', 'flag'],
  ['trustedDevicesBypassLockout', 'flag'],
  ['requirePhishingResistant', 'flag'],
];

const presetName = (preset) => (preset ? t(presets[preset] || preset) : t('preset.none'));

/** A value of the policy in words: yes/no, "until reactivated" for no lock end, else the value. */
function valueText(field, value) {
  if (value === true || value === 'true') return t('policy.yes');
  if (value === false || value === 'false') return t('policy.no');
  if (value === null || value === undefined || value === 'null') return t(field === 'lockoutMinutes' ? 'policy.untilReactivated' : 'policy.none');
  return String(value);
}

/** A deviation's rule in the reader's language; the API's English words when the console has none for it. */
function ruleText(preset, deviation) {
  const key = `rule.${(presets[preset] || '').replace('preset.', '')}.${deviation.field}`;
  const words = t(key);
  return words === key ? deviation.rule : words;
}

/** The policy's preset, deviations and values, and its form. `reload(info)` shows the organization again. */
export function policySection(organization, save, reload) {
  const policy = organization.policy || {};
  const deviations = organization.policyPresetDeviations || [];
  const values = fields.map(([field]) => [
    h('dt', { i18n: `policy.${field}` }),
    h('dd', { text: valueText(field, policy[field]) }),
  ]).flat();

  return h('section', { 'aria-labelledby': 'policy-heading' },
    h('h2', { id: 'policy-heading', i18n: 'console.policy' }),
    h('p', { class: 'preset', i18n: 'console.presetIs', vars: { preset: presetName(policy.preset) } }),
    h('h3', { i18n: 'console.deviations' }),
    deviations.length
      ? h('ul', { class: 'deviations' }, ...deviations.map((d) => h('li', { class: 'deviation' },
        h('p', { class: 'message', i18n: 'console.deviation', vars: {
          field: t(`policy.${d.field}`), value: valueText(d.field, d.value), presetValue: valueText(d.field, d.presetValue),
        } }),
        h('p', { class: 'rule', text: ruleText(policy.preset, d) }))))
      : h('p', { i18n: policy.preset ? 'console.noDeviation' : 'console.noPreset' }),
    h('h3', { i18n: 'console.policyValues' }),
    h('dl', { class: 'policy' }, ...values),
    // Folded until asked for: most visits read the policy, few change it.
    h('details', { class: 'policy-edit' },
      h('summary', { id: 'policy-form-heading', i18n: 'console.editPolicy' }),
      policyForm(policy, save, reload)));
}

function policyForm(policy, save, reload) {
  const presetSelect = h('select', { id: 'policy-preset', name: 'preset' },
    h('option', { value: '', i18n: 'preset.none', selected: !policy.preset }),
    ...Object.entries(presets).map(([value, key]) => h('option', { value, i18n: key, selected: policy.preset === value })));
  const inputs = fields.map(([field, kind]) => {
    const id = `policy-${field}`;
    if (kind === 'flag') {
      return [h('label', { for: id, i18n: `policy.${field}` }),
        h('select', { id, name: field },
          h('option', { value: '', i18n: 'policy.presetValue' }),
          h('option', { value: 'true', i18n: 'policy.yes', selected: policy[field] === true }),
          h('option', { value: 'false', i18n: 'policy.no', selected: policy[field] === false }))];
    }
    const current = policy[field] === null || policy[field] === undefined ? '' : String(policy[field]);
    return [h('label', { for: id, i18n: `policy.${field}` }),
      h('input', { id, name: field, value: current, inputmode: kind === 'number' ? 'numeric' : null, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'policy-hint' })];
  }).flat();
  const submit = h('button', { type: 'submit', i18n: 'console.savePolicy' });
  const form = h('form', { novalidate: true, class: 'policy-form', 'aria-labelledby': 'policy-form-heading' },
    h('label', { for: 'policy-preset', i18n: 'console.preset' }),
    presetSelect,
    h('p', { class: 'hint', id: 'policy-hint', i18n: 'console.policyHint' }),
    ...inputs,
    submit);

  // Another preset starts from its own values: the fields empty, each then takes the preset's value unless typed again.
  presetSelect.addEventListener('change', () => {
    for (const [field] of fields) form.elements.namedItem(field).value = '';
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInline(form);
    const body = {};
    if (presetSelect.value) body.preset = presetSelect.value;
    for (const [field, kind] of fields) {
      const raw = form.elements.namedItem(field).value.trim();
      if (raw === '') continue;
      if (kind === 'flag') body[field] = raw === 'true';
      // Digits go as a number; anything else as typed, for the API to refuse with the field named.
      else if (kind === 'number') body[field] = /^-?\d+$/.test(raw) ? Number(raw) : raw;
      else body[field] = raw;
    }
    const reply = await whileBusy(form, () => save(body));
    if (reply.ok) {
      await reload('console.policySaved');
      return;
    }
    showInline(form, reply.error, submit);
  });
  return form;
}

/** The billing state in words, with its dates when access is suspended or coming back. */
export function billingSection(billing = {}) {
  const when = (iso) => new Date(iso).toLocaleString();
  return h('section', { 'aria-labelledby': 'billing-heading' },
    h('h2', { id: 'billing-heading', i18n: 'console.billing' }),
    h('p', { class: billing.suspended ? 'verdict blocked' : 'verdict ok', i18n: billing.suspended ? 'console.billingSuspended' : 'console.billingOk', vars: { unpaid: billing.unpaidInvoices ?? 0 } }),
    billing.suspendedSince ? h('p', { class: 'hint', i18n: 'console.billingSince', vars: { at: when(billing.suspendedSince) } }) : null,
    billing.reactivationDueAt ? h('p', { class: 'hint', i18n: 'console.billingReturns', vars: { at: when(billing.reactivationDueAt) } }) : null);
}

