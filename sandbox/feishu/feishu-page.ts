// The simulated Feishu's page: every card the hub sent, per recipient, as Feishu would show it
// (header colour, texts, buttons), each button clickable as the recipient or as another known user,
// the toast each click got back, and the callbacks with the hub's answers.
import type { CallbackDelivery } from '../hr-kit/callback-sender';
import { clickButton, esc, flash, renderCallbacks, renderPage } from '../hr-kit/sim-page';
import { parseCard, viewCard } from './feishu-card';
import type { FeishuMessage, FeishuState } from './feishu-state';

const COLOURS: Record<string, string> = { blue: '#3370ff', green: '#34c724', red: '#f54a45', orange: '#ff8800', grey: '#8f959e', default: '#8f959e' };

function renderCard(state: FeishuState, m: FeishuMessage): string {
  const tenant = state.tenant(m.tenantId);
  let body: string;
  try {
    const view = viewCard(parseCard(m.content));
    const colour = COLOURS[view.template] ?? COLOURS.default;
    const buttonsFor = (openId: string) => view.buttons.map((b) => clickButton({ messageId: m.messageId, userId: openId, button: String(b.index) }, b.text,
      b.type === 'primary' ? 'primary' : b.type === 'danger' ? 'danger' : 'default')).join('');
    const others = (tenant.users ?? []).filter((u) => u.openId !== m.openId);
    body = `<header style="border-left:6px solid ${colour};padding-left:.5rem">${esc(view.title)}</header>`
      + view.texts.map((t) => `<pre>${esc(t)}</pre>`).join('')
      + (view.buttons.length
        ? `<div>${buttonsFor(m.openId)}</div>${others.map((u) => `<div class="muted">as ${esc(u.name ?? u.openId)}: ${buttonsFor(u.openId)}</div>`).join('')}`
        : '<p class="muted">no buttons (updated card)</p>');
  } catch {
    body = `<pre>${esc(m.content)}</pre>`;
  }
  const last = m.toasts[m.toasts.length - 1];
  return `<div class="card">${body}`
    + `<p class="muted">${esc(m.messageId)} · uuid ${esc(m.uuid ?? '–')} · sends ${m.sends} · updates ${m.updates.length}</p>`
    + (m.warnings.length ? `<p class="warn">${m.warnings.map(esc).join('<br>')}</p>` : '')
    + (last ? `<p>last click by ${esc(state.user(tenant, last.userId).name ?? last.userId)}: toast <code>${esc(last.toast ? `${last.toast.type}: ${last.toast.content}` : '(none)')}</code></p>` : '')
    + '</div>';
}

export function renderFeishuPage(state: FeishuState, callbacks: CallbackDelivery[], options: { flashId?: string; user?: string }): string {
  const byUser = new Map<string, FeishuMessage[]>();
  for (const m of state.messages.values()) {
    if (m.msgType !== 'interactive' && m.msgType !== 'text') continue;
    byUser.set(m.openId, [...(byUser.get(m.openId) ?? []), m]);
  }
  const sections = [...byUser.entries()].map(([openId, list]) => {
    const tenant = state.tenant(list[0]!.tenantId);
    const name = state.user(tenant, openId).name;
    return `<h2>${esc(name ?? openId)} <span class="muted">${esc(openId)} · tenant ${esc(tenant.tenantId)}</span></h2>`
      + list.slice().reverse().map((m) => renderCard(state, m)).join('');
  }).join('');
  return renderPage('飞书 Feishu simulator',
    flash(callbacks.find((d) => d.id === options.flashId))
    + (sections || '<p class="muted">No cards yet: the hub sends one when a candidate reaches HR_REVIEW.</p>')
    + renderCallbacks(callbacks));
}
