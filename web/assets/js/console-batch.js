// A batch of welcome kits as it goes out (POST then GET /api/organizations/{orgId}/welcome-kits/{requestId}): each person
// queued, then sent (with the time), or skipped with the reason in words. The page asks again every second while kits
// are still being sent, for at most `maxPolls` times, then says so and offers to check again.
import { h, translated } from './ui.js';
import { language, t } from './i18n.js';
import { showInline } from './console-inline.js';

const pollEveryMs = 1000;
const maxPolls = 60;
const time = (iso) => new Date(iso).toLocaleTimeString(language(), { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * The batch's section. `answer`: the 202 of the request; `follow()` answers the GET's reply; `nameOf(userId)`: the
 * person's name when the page knows it.
 */
export function batchProgress(answer, follow, nameOf) {
  const summary = h('p', { class: 'batch-summary', role: 'status' });
  const rows = h('tbody');
  const again = h('button', { type: 'button', class: 'secondary', hidden: true, i18n: 'console.batchCheckAgain' });
  const section = h('section', { class: 'batch', 'aria-labelledby': 'batch-heading' },
    h('h3', { id: 'batch-heading', i18n: 'console.batchHeading', vars: { queued: answer.queued } }),
    summary,
    h('table', { class: 'batch-people' },
      h('caption', { class: 'visually-hidden', i18n: 'console.batchCaption' }),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', i18n: 'console.batchPerson' }),
        h('th', { scope: 'col', i18n: 'console.batchKit' }))),
      rows),
    again);

  let counts = { sent: 0, queued: answer.queued, skipped: answer.skipped.length };
  const render = (progress) => {
    // Words kept in step with the language switch, except a skip's reason, which is words inside words.
    const people = [
      ...progress.sent.map((s) => [s.userId, 'sent', { i18n: 'console.kit.sent', vars: { time: time(s.sentAt) } }]),
      ...progress.pending.map((userId) => [userId, 'queued', { i18n: 'console.kit.queued' }]),
      ...progress.skipped.map((s) => [s.userId, 'skipped', { text: t('console.kit.skipped', { reason: t(`skip.${s.reason}`) }) }]),
    ];
    rows.replaceChildren(...people.map(([userId, state, words]) => h('tr', { class: `kit-${state}`, 'data-user-id': userId },
      h('td', { text: nameOf(userId) }),
      h('td', {}, h('span', { class: `badge kit-${state}`, ...words })))));
    counts = { sent: progress.sent.length, queued: progress.queued, skipped: progress.skipped.length };
    translated(summary, progress.done ? 'console.batchDone' : 'console.batchSending', counts);
  };

  // At once, what the request answered: nobody sent yet, the skipped with their reasons.
  render({ queued: answer.queued, sent: [], pending: [], skipped: answer.skipped, done: answer.queued === 0 });

  const poll = async () => {
    again.hidden = true;
    for (let i = 0; i < maxPolls && section.isConnected; i += 1) {
      const reply = await follow();
      if (!section.isConnected) return;
      if (!reply.ok) {
        showInline(section, reply.error, summary);
        return;
      }
      render(reply.body);
      if (reply.body.done) return;
      await new Promise((resolve) => { setTimeout(resolve, pollEveryMs); });
    }
    if (section.isConnected) {
      translated(summary, 'console.batchStillSending', { ...counts, seconds: (maxPolls * pollEveryMs) / 1000 });
      again.hidden = false;
    }
  };
  again.addEventListener('click', poll);
  // Once the caller has put the section on the page (polling stops when it leaves it).
  if (answer.queued > 0) queueMicrotask(poll);
  return section;
}
