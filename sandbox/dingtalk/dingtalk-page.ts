// The simulated DingTalk's page: per person, their open approval tasks (审批) with the form and the
// 同意 / 拒绝 / 转交 actions, and the work notifications with their link buttons; then every
// instance with its state, and the pushes with the hub's answers.
import type { CallbackDelivery } from '../hr-kit/callback-sender';
import { esc, flash, renderCallbacks, renderPage } from '../hr-kit/sim-page';
import type { DingTalkInstance, DingTalkState, DingTalkTask, DingTalkTenant, WorkNotification } from './dingtalk-state';

function actForm(instance: DingTalkInstance, task: DingTalkTask, tenant: DingTalkTenant): string {
  const hidden = `<input type="hidden" name="instanceId" value="${esc(instance.instanceId)}"><input type="hidden" name="userId" value="${esc(task.userId)}">`;
  const others = (tenant.users ?? []).filter((u) => u.userId !== task.userId)
    .map((u) => `<option value="${esc(u.userId)}">${esc(u.name ?? u.userId)}</option>`).join('');
  return `<form method="post" action="/_sim/click">${hidden}<input name="remark" placeholder="审批意见（可选）" size="24"> `
    + '<button class="primary" name="action" value="agree">同意</button><button class="danger" name="action" value="refuse">拒绝</button>'
    + '<button name="action" value="comment">评论</button>'
    + (others ? ` <select name="redirectTo">${others}</select><button name="action" value="redirect">转交</button>` : '')
    + '</form>';
}

function renderNotice(n: WorkNotification, userId: string): string {
  const card = (n.msg.action_card ?? {}) as { title?: string; markdown?: string; btn_json_list?: { title?: string; action_url?: string }[]; single_title?: string; single_url?: string };
  const buttons = (card.btn_json_list ?? (card.single_url ? [{ title: card.single_title, action_url: card.single_url }] : []))
    .map((b) => `<a href="${esc(b.action_url)}" target="_blank" rel="noreferrer"><button type="button">${esc(b.title)}</button></a>`).join('');
  const dropped = n.droppedFor.includes(userId) ? '<p class="warn">dropped for this user: identical content within a day</p>' : '';
  return `<div class="card"><header>工作通知 · ${esc(card.title ?? n.msg.msgtype)}</header><pre>${esc(card.markdown ?? JSON.stringify(n.msg))}</pre>${buttons}`
    + `${dropped}${n.warnings.length ? `<p class="warn">${n.warnings.map(esc).join('<br>')}</p>` : ''}<p class="muted">task_id ${n.taskId}</p></div>`;
}

function renderInstance(state: DingTalkState, i: DingTalkInstance): string {
  const tenant = state.tenant(i.tenantId);
  const form = i.formComponentValues.map((f) => `<tr><th>${esc(f.name)}</th><td>${esc(f.value)}</td></tr>`).join('');
  const tasks = i.tasks.map((t) => `${esc(state.userName(tenant, t.userId))}: ${esc(t.status)}${t.result ? ` (${esc(t.result)})` : ''}`).join(' · ');
  return `<div class="card"><header>${esc(i.title)} <span class="muted">${esc(i.status)}${i.result ? ` · ${esc(i.result)}` : ''}</span></header>`
    + `<table>${form}</table><p class="muted">${esc(i.instanceId)} · ${esc(i.processCode)} · tasks: ${tasks}</p>`
    + (i.warnings.length ? `<p class="warn">${i.warnings.map(esc).join('<br>')}</p>` : '') + '</div>';
}

export function renderDingTalkPage(state: DingTalkState, callbacks: CallbackDelivery[], options: { flashId?: string }): string {
  const people = new Map<string, { tenant: DingTalkTenant; html: string[] }>();
  const add = (tenant: DingTalkTenant, userId: string, html: string) => {
    const entry = people.get(userId) ?? { tenant, html: [] };
    entry.html.push(html);
    people.set(userId, entry);
  };
  for (const i of state.instances.values()) {
    const tenant = state.tenant(i.tenantId);
    for (const t of i.tasks.filter((x) => x.status === 'RUNNING')) {
      add(tenant, t.userId, `<div class="card"><header>待我审批：${esc(i.title)}</header><table>${i.formComponentValues.map((f) => `<tr><th>${esc(f.name)}</th><td>${esc(f.value)}</td></tr>`).join('')}</table>${actForm(i, t, tenant)}</div>`);
    }
  }
  for (const n of state.notifications) for (const u of n.userIds) add(state.tenant(n.tenantId), u, renderNotice(n, u));
  const sections = [...people.entries()].map(([userId, p]) =>
    `<h2>${esc(state.userName(p.tenant, userId))} <span class="muted">${esc(userId)} · tenant ${esc(p.tenant.tenantId)}</span></h2>${p.html.join('')}`).join('');
  const instances = [...state.instances.values()].reverse().map((i) => renderInstance(state, i)).join('');
  return renderPage('钉钉 DingTalk simulator',
    flash(callbacks.find((d) => d.id === options.flashId))
    + (sections || '<p class="muted">Nothing yet: the hub starts an approval when a candidate reaches HR_REVIEW.</p>')
    + `<h2>Approval instances</h2>${instances || '<p class="muted">none</p>'}`
    + renderCallbacks(callbacks));
}
