// The console (API.md "Console"): administrators, supervisors and support accounts find a person, read why they cannot
// sign in (the diagnosis, worded as the help centre words it), and do the remedy in a click; an organization's members
// by status, its welcome kits in batch as they go out, its policy with its preset and deviations. Every button calls the
// API as it is and shows its refusal next to it when there is one (403 other_organizations, 409 invalid_state…): the
// console decides nothing the API does not. The access token lives in this page's memory only.
import { h, show, showInfo, showError, whileBusy } from './ui.js';
import { call } from './api.js';
import { t, onLanguageChange } from './i18n.js';
import { refuse } from './errors.js';
import { clearInline, showInline } from './console-inline.js';
import { timeline } from './console-trail.js';
import { batchProgress } from './console-batch.js';
import { billingSection, policySection } from './console-policy.js';

const statuses = ['active', 'pending_activation', 'locked', 'deactivated', 'departed', 'password_expired', 'no_email'];

/** The remedy a blocker's `remedyCode` calls for, as a route of the API; null when the person or time does it. */
const remedies = {
  wait_for_lock_to_end: 'reactivate',
  ask_supervisor_to_reactivate: 'reactivate',
  ask_administrator_to_reactivate: 'reactivate',
  reset_password_to_reactivate: 'reactivate',
  ask_organization_to_restore_access: 'restoreAccess',
  send_welcome_kit: 'welcomeKit',
  open_welcome_kit_link: 'welcomeKit',
  administrator_sets_password: 'temporaryPassword',
  use_forgot_password: 'temporaryPassword',
  make_account_visible: 'makeVisible',
};

/**
 * Shows the person's page again when the language changes: the diagnosis's messages and remedies come from the API in
 * the language asked for, so they are asked for again. Null on the other pages, whose words all follow the switch.
 */
let againInTheNewLanguage = null;
onLanguageChange(() => againInTheNewLanguage?.());

/** Whether the session's token says `role: operator` (a support account). */
function isOperator(session) {
  try {
    const payload = session.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).role === 'operator';
  } catch {
    return false;
  }
}

const api = (session, method, path, body) => call(method, path, body, { bearer: session.accessToken });

/** Search: a name, username or email, in one of the caller's organizations, optionally by status. */
export function consoleHome(session, { organizationId = null, query = '', status = '' } = {}) {
  againInTheNewLanguage = null;
  const operator = isOperator(session);
  const organizations = session.user.organizationIds || [];
  const chosen = organizationId || organizations[0] || '';
  const results = h('section', { 'aria-labelledby': 'results-heading' });
  const form = h('form', { novalidate: true, role: 'search' },
    h('label', { for: 'q', i18n: 'console.query' }),
    h('input', { id: 'q', name: 'q', type: 'search', value: query, autocomplete: 'off', 'aria-describedby': 'q-hint' }),
    h('p', { class: 'hint', id: 'q-hint', i18n: 'console.queryHint' }),
    h('label', { for: 'organization', i18n: 'console.organization' }),
    operator
      ? h('input', { id: 'organization', name: 'organization', value: chosen, autocomplete: 'off', spellcheck: 'false' })
      : h('select', { id: 'organization', name: 'organization' },
        ...organizations.map((id) => h('option', { value: id, text: id, selected: id === chosen }))),
    h('label', { for: 'status', i18n: 'console.status' }),
    h('select', { id: 'status', name: 'status' },
      h('option', { value: '', i18n: 'console.anyStatus' }),
      ...statuses.map((s) => h('option', { value: s, i18n: `status.${s}`, selected: s === status }))),
    h('button', { type: 'submit', i18n: 'console.search' }));
  const organizationButton = h('button', { type: 'button', class: 'secondary', i18n: 'console.openOrganization' });
  organizationButton.addEventListener('click', () => {
    const id = form.elements.namedItem('organization').value.trim();
    if (id) organizationPage(session, id);
  });
  const signOut = h('button', { type: 'button', class: 'secondary', i18n: 'signedIn.signOut' });
  signOut.addEventListener('click', () => window.location.assign('/console'));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const q = form.elements.namedItem('q').value.trim();
    const org = form.elements.namedItem('organization').value.trim();
    const s = form.elements.namedItem('status').value;
    await whileBusy(form, () => search(session, { q, org, s, operator }, results));
  });

  show(
    h('h1', { i18n: 'console.heading' }),
    h('p', { class: 'hint', i18n: operator ? 'console.asOperator' : 'console.as', vars: { name: session.user.displayName } }),
    form,
    h('div', { class: 'actions' }, organizationButton, signOut),
    results);
  if (query || status) form.requestSubmit();
}

async function search(session, { q, org, s, operator }, results) {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (s) params.set('status', s);
  // A login or an email is looked up exactly too (across the service for support, the caller's organizations otherwise).
  const lookup = q && (operator || session.user.role === 'administrator')
    ? api(session, 'GET', `/api/users?login=${encodeURIComponent(q)}`)
    : Promise.resolve(null);
  const list = org ? api(session, 'GET', `/api/organizations/${encodeURIComponent(org)}/members?${params}`) : Promise.resolve(null);
  const [found, members] = await Promise.all([lookup, list]);
  const refusal = [members, found].find((reply) => reply && !reply.ok);
  if (refusal) {
    results.replaceChildren();
    refuse(refusal.error);
    return;
  }

  const open = (userId) => personPage(session, userId, () => consoleHome(session, { organizationId: org, query: q, status: s }), { organizationId: org });
  const items = [];
  for (const user of found?.body.users || []) {
    items.push(h('li', {},
      personButton(user.displayName, user.username, () => open(user.id)),
      h('span', { class: 'hint', i18n: 'console.exactMatch', vars: { organizations: user.organizationIds.join(', ') } })));
  }
  for (const member of members?.body.members || []) {
    if ((found?.body.users || []).some((user) => user.id === member.userId)) continue;
    items.push(h('li', {},
      personButton(member.displayName, member.username, () => open(member.userId)),
      h('span', { class: `badge status-${member.status}`, i18n: `status.${member.status}` }),
      member.blockers.length ? h('span', { class: 'hint', text: member.blockers.join(', ') }) : null));
  }
  results.replaceChildren(
    h('h2', { id: 'results-heading', i18n: 'console.results', vars: { count: items.length } }),
    items.length ? h('ul', { class: 'people' }, ...items) : h('p', { i18n: 'console.nobody' }));
}

function personButton(displayName, username, onClick) {
  return h('button', { type: 'button', class: 'link-button person', text: `${displayName} (${username})`, onClick });
}

/** A person: can they sign in, each blocker with its remedy and the button that does it, the trail as a timeline. */
export async function personPage(session, userId, back, { info = null, secret = null, organizationId = null } = {}) {
  const [user, diagnosis] = await Promise.all([
    api(session, 'GET', `/api/users/${encodeURIComponent(userId)}`),
    api(session, 'GET', `/api/users/${encodeURIComponent(userId)}/diagnosis`),
  ]);
  const backButton = h('button', { type: 'button', class: 'secondary', i18n: 'console.back', onClick: back });
  // A supervisor reads the diagnosis of the people of its units but not their file (API.md): the diagnosis leads.
  if (!diagnosis.ok) {
    show(h('h1', { i18n: 'console.person' }), h('div', { class: 'actions' }, backButton));
    refuse(diagnosis.error);
    return;
  }

  const person = user.ok ? user.body : null;
  const d = diagnosis.body;
  const reload = (options) => personPage(session, userId, back, { organizationId, ...options });
  againInTheNewLanguage = () => reload({});
  const organizationOf = () => organizationId || person?.memberships[0]?.organizationId;
  const act = async (action, button) => {
    const routes = {
      reactivate: ['POST', `/api/users/${userId}/reactivate`, undefined],
      welcomeKit: ['POST', `/api/users/${userId}/welcome-kit`, undefined],
      temporaryPassword: ['POST', `/api/users/${userId}/temporary-password`, undefined],
      resetTwoFactor: ['DELETE', `/api/users/${userId}/2fa`, undefined],
      endSessions: ['DELETE', `/api/users/${userId}/sessions`, undefined],
      revokeAccess: ['POST', `/api/users/${userId}/revoke-access`, { organizationId: organizationOf() }],
      restoreAccess: ['POST', `/api/users/${userId}/restore-access`, { organizationId: organizationOf() }],
      makeVisible: ['PATCH', `/api/users/${userId}`, { visible: true }],
    };
    const [method, path, body] = routes[action];
    const main = document.getElementById('main');
    clearInline(main);
    button.disabled = true;
    const reply = await api(session, method, path, body);
    button.disabled = false;
    if (!reply.ok) {
      // Next to the button that asked: a refusal at the top of a long page would go unseen.
      showInline(main, reply.error, button.closest('.actions') || button);
      return;
    }
    await reload({ info: `console.done.${action}`, secret: reply.body?.temporaryPassword || null });
  };
  const actionButton = (action, secondary = false) => {
    const button = h('button', { type: 'button', class: secondary ? 'secondary' : null, i18n: `console.action.${action}` });
    button.addEventListener('click', () => act(action, button));
    return button;
  };

  const blockers = d.blockers.map((blocker) => h('li', { class: `blocker blocks-${blocker.blocks}` },
    h('p', { class: 'message', text: blocker.message }),
    h('p', { class: 'remedy', text: blocker.remedy }),
    remedies[blocker.remedyCode] ? actionButton(remedies[blocker.remedyCode]) : null));
  const everyRemedy = ['reactivate', 'welcomeKit', 'temporaryPassword', 'resetTwoFactor', 'endSessions', 'revokeAccess', 'restoreAccess']
    .map((action) => actionButton(action, true));

  show(
    h('h1', { text: person ? `${person.displayName} (${person.username})` : d.username }),
    h('p', { class: d.canSignIn ? 'verdict ok' : 'verdict blocked', i18n: d.canSignIn ? 'console.canSignIn' : 'console.cannotSignIn' }),
    h('h2', { i18n: 'console.why' }),
    blockers.length ? h('ul', { class: 'blockers' }, ...blockers) : h('p', { i18n: 'console.noBlocker' }),
    person ? h('h2', { i18n: 'console.memberships' }) : null,
    person ? h('ul', {}, ...person.memberships.map((m) => h('li', {
      i18n: m.accessRevoked ? 'console.membershipRevoked' : 'console.membership',
      vars: { organization: m.organizationId, role: t(`role.${m.role}`) },
    }))) : null,
    h('h2', { i18n: 'console.remedies' }),
    h('div', { class: 'actions', role: 'group', 'aria-label': t('console.remedies') }, ...everyRemedy),
    isOperator(session) ? supportActions(session, userId, reload) : null,
    h('h2', { i18n: 'console.trail' }),
    timeline(d.events),
    h('div', { class: 'actions' }, backButton));
  if (info) showInfo(info, {}, secret ? h('p', { class: 'secret', text: secret }) : null);
}

/** What only support does: release an email held by a deactivated account, merge this account into another. */
function supportActions(session, userId, reload) {
  const form = (id, labelKey, submitKey, send) => {
    const element = h('form', { novalidate: true },
      h('label', { for: id, i18n: labelKey }),
      h('input', { id, name: id, autocomplete: 'off', spellcheck: 'false' }),
      h('button', { type: 'submit', class: 'secondary', i18n: submitKey }));
    element.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearInline(element);
      const value = element.elements.namedItem(id).value.trim();
      if (!value) {
        showError({ message: t('error.required') });
        return;
      }
      const reply = await whileBusy(element, () => send(value));
      if (reply.ok) await reload({ info: `console.done.${id}` });
      else showInline(element, reply.error, element.querySelector('button'));
    });
    return element;
  };
  return h('section', { 'aria-labelledby': 'support-heading' },
    h('h2', { id: 'support-heading', i18n: 'console.supportOnly' }),
    form('releaseEmail', 'console.releaseEmail', 'console.action.releaseEmail',
      (email) => api(session, 'POST', `/api/users/${userId}/release-email`, { email })),
    form('merge', 'console.mergeInto', 'console.action.merge',
      (intoUserId) => api(session, 'POST', `/api/users/${userId}/merge`, { intoUserId })));
}

/** An organization: its members by status, welcome kits in batch as they go out, its policy and billing. */
export async function organizationPage(session, organizationId, { info = null } = {}) {
  againInTheNewLanguage = null;
  const orgPath = `/api/organizations/${encodeURIComponent(organizationId)}`;
  const back = h('button', { type: 'button', class: 'secondary', i18n: 'console.back', onClick: () => consoleHome(session, { organizationId }) });
  const organization = await api(session, 'GET', orgPath);
  if (!organization.ok) {
    show(h('h1', { i18n: 'console.organizationHeading' }), h('div', { class: 'actions' }, back));
    refuse(organization.error);
    return;
  }

  const counts = await Promise.all(statuses.map((status) => api(session, 'GET', `${orgPath}/members?status=${status}&max=200`)));
  const names = new Map();
  const byStatus = statuses.map((status, i) => {
    const reply = counts[i];
    for (const member of reply.ok ? reply.body.members : []) names.set(member.userId, `${member.displayName} (${member.username})`);
    const count = reply.ok ? `${reply.body.members.length}${reply.body.continuationToken ? '+' : ''}` : '—';
    const open = h('button', { type: 'button', class: 'link-button', i18n: `status.${status}`,
      onClick: () => consoleHome(session, { organizationId, status }) });
    return h('li', {}, open, h('span', { class: 'count', text: count }));
  });

  const kits = h('div', { class: 'kits' });
  const send = h('button', { type: 'button', i18n: 'console.sendWelcomeKits' });
  send.addEventListener('click', async () => {
    clearInline(kits);
    send.disabled = true;
    const reply = await api(session, 'POST', `${orgPath}/welcome-kits`, {});
    send.disabled = false;
    if (!reply.ok) {
      showInline(kits, reply.error, send);
      return;
    }
    showInfo('console.kitsQueued', { queued: reply.body.queued, skipped: reply.body.skipped.length });
    const follow = () => api(session, 'GET', `${orgPath}/welcome-kits/${encodeURIComponent(reply.body.requestId)}`);
    kits.querySelector('.batch')?.remove();
    kits.append(batchProgress(reply.body, follow, (userId) => names.get(userId) || userId));
  });
  kits.append(send);

  const o = organization.body;
  const reload = (key) => organizationPage(session, organizationId, { info: key });
  show(
    h('h1', { text: o.name }),
    h('p', { class: 'hint', i18n: 'console.organizationStatus', vars: { status: o.status, id: o.id } }),
    h('h2', { i18n: 'console.membersByStatus' }),
    h('ul', { class: 'statuses' }, ...byStatus),
    h('h2', { i18n: 'console.welcomeKits' }),
    h('p', { class: 'hint', i18n: 'console.welcomeKitsHint' }),
    kits,
    billingSection(o.billing),
    policySection(o, (body) => api(session, 'PUT', `${orgPath}/policy`, body), reload),
    h('div', { class: 'actions' }, back));
  if (info) showInfo(info);
}
