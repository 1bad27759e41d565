// The simulated WeCom's page: per person, their copy of each template card (title, texts, buttons,
// or the label an update put in the buttons' place), clickable as that person, and the callbacks
// with the hub's answers.
import type { CallbackDelivery } from '../hr-kit/callback-sender';
import { clickButton, esc, flash, renderCallbacks, renderPage } from '../hr-kit/sim-page';
import { cardButtons } from './wecom-api';
import type { CardCopy, WeComMessage, WeComState } from './wecom-state';

type Json = Record<string, unknown>;
const text = (v: unknown, key: string): string => (v && typeof v === 'object' && typeof (v as Json)[key] === 'string' ? (v as Json)[key] as string : '');

function renderCopy(m: WeComMessage, copy: CardCopy): string {
  const card = copy.card;
  if (m.msgtype !== 'template_card') return `<div class="card"><header>${esc(m.msgtype)}</header><pre>${esc(JSON.stringify(card))}</pre></div>`;
  const rows = Array.isArray(card.horizontal_content_list)
    ? (card.horizontal_content_list as Json[]).map((h) => `<tr><th>${esc(h.keyname)}</th><td>${h.url ? `<a href="${esc(h.url)}" target="_blank" rel="noreferrer">${esc(h.value)}</a>` : esc(h.value)}</td></tr>`).join('')
    : '';
  const buttons = copy.replacedButton !== undefined
    ? `<p><button type="button" disabled>${esc(copy.replacedButton)}</button></p>`
    : `<div>${cardButtons(card).map((b, i) => clickButton({ msgid: m.msgid, userId: copy.userId, button: String(i) }, b.text, b.style === 1 ? 'primary' : b.style === 2 ? 'danger' : 'default')).join('')}</div>`;
  return `<div class="card"><p class="muted">${esc(text(card.source, 'desc'))}</p><header>${esc(text(card.main_title, 'title'))}</header>`
    + `<p>${esc(text(card.main_title, 'desc'))}</p>${card.sub_title_text ? `<pre>${esc(card.sub_title_text)}</pre>` : ''}${rows ? `<table>${rows}</table>` : ''}${buttons}`
    + `<p class="muted">task_id ${esc(m.taskId ?? '–')} · msgid ${esc(m.msgid)} · sends ${m.sends}${copy.updatedAt ? ' · updated' : ''}</p>`
    + (m.warnings.length ? `<p class="warn">${m.warnings.map(esc).join('<br>')}</p>` : '') + '</div>';
}

export function renderWeComPage(state: WeComState, callbacks: CallbackDelivery[], options: { flashId?: string }): string {
  const people = new Map<string, { tenantId: string; html: string[] }>();
  for (const m of [...state.messages.values()].reverse()) {
    for (const copy of m.copies) {
      const entry = people.get(copy.userId) ?? { tenantId: m.tenantId, html: [] };
      entry.html.push(renderCopy(m, copy));
      people.set(copy.userId, entry);
    }
  }
  const sections = [...people.entries()].map(([userId, p]) =>
    `<h2>${esc(state.userName(state.tenant(p.tenantId), userId))} <span class="muted">${esc(userId)} · tenant ${esc(p.tenantId)}</span></h2>${p.html.join('')}`).join('');
  return renderPage('企业微信 WeCom simulator',
    flash(callbacks.find((d) => d.id === options.flashId))
    + (sections || '<p class="muted">No cards yet: the hub sends one when a candidate reaches HR_REVIEW.</p>')
    + renderCallbacks(callbacks));
}
