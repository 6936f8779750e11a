// A person's trail (the diagnosis's events, newest first) as a timeline in words: each audit action the app writes has
// an English and a French phrase (`audit.*` in i18n.js; a test fails when one lacks either), who did it, and the reason
// in words (`reason.*`, collected from Core by the same test). An action or a reason the console has no words for yet
// shows its code, as the API answers it.
import { h } from './ui.js';
import { language, t } from './i18n.js';

const when = (iso) => new Date(iso).toLocaleString(language(), { dateStyle: 'medium', timeStyle: 'medium' });

/** The words of `action` (snake_case, as the API writes it), kept in step with the language; else the code itself. */
function actionWords(action) {
  const key = `audit.${action}`;
  return h('span', t(key) === key ? { class: 'event', text: action } : { class: 'event', i18n: key });
}

/** The words of a reason code, kept in step with the language; else the code itself. */
function reasonWords(reason) {
  const key = `reason.${reason}`;
  return h('span', t(key) === key ? { class: 'reason', text: reason } : { class: 'reason', i18n: key, 'data-reason': reason });
}

function actorWords(actor, reason) {
  return h('span', { class: 'hint' },
    h('span', { i18n: `actor.${actor.kind}` }),
    actor.userId ? ` ${actor.userId}` : null,
    reason ? ' · ' : null,
    reason ? reasonWords(reason) : null);
}

/** The timeline of `events`, or the words that say there is none. */
export function timeline(events) {
  if (!events.length) return h('p', { i18n: 'console.noEvent' });
  return h('ol', { class: 'timeline' }, ...events.map((event) => h('li', { 'data-action': event.action },
    h('time', { datetime: event.at, text: when(event.at) }),
    actionWords(event.action),
    actorWords(event.actor, event.reason))));
}
