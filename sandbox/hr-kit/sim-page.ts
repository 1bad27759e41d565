// The HTML the HR-tool simulators show a person: one page per tool listing what the hub sent, per
// user, with each button as a form that clicks it as that user, and the callbacks with the hub's
// answers and latencies. Plain server-rendered HTML, no scripts.
import type { CallbackDelivery } from './callback-sender';

export const esc = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:1.5rem;max-width:70rem;color:#1f2329}
h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:1.5rem;border-bottom:1px solid #ddd}
.card{border:1px solid #d0d3d6;border-radius:8px;padding:.8rem;margin:.6rem 0;background:#fafbfc}
.card header{font-weight:600;margin-bottom:.4rem}.muted{color:#646a73;font-size:.85rem}
.warn{color:#b54708}.ok{color:#067647}.bad{color:#b42318}
form.inline{display:inline}button{margin:.2rem .3rem .2rem 0;padding:.3rem .8rem;border-radius:6px;border:1px solid #bbb;cursor:pointer}
button.primary{background:#3370ff;color:#fff;border-color:#3370ff}button.danger{background:#f54a45;color:#fff;border-color:#f54a45}
table{border-collapse:collapse;font-size:.85rem}td,th{border:1px solid #e0e0e0;padding:.2rem .4rem;text-align:left;vertical-align:top}
pre{white-space:pre-wrap;word-break:break-all;font-size:.8rem;margin:.2rem 0}`;

export function renderPage(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head>`
    + `<body><h1>${esc(title)}</h1>${body}</body></html>`;
}

/** A form posting one click to /_sim/click; `fields` are the hidden inputs (message id, user, …). */
export function clickButton(fields: Record<string, string>, label: string, style: 'primary' | 'danger' | 'default' = 'default'): string {
  const hidden = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('');
  return `<form class="inline" method="post" action="/_sim/click">${hidden}<button class="${style}" type="submit">${esc(label)}</button></form>`;
}

/** The latest callbacks, newest first, with the hub's answer to each attempt. */
export function renderCallbacks(deliveries: CallbackDelivery[], limit = 30): string {
  const rows = deliveries.slice(-limit).reverse().map((d) => {
    const last = d.attempts[d.attempts.length - 1];
    const cls = d.state === 'delivered' ? 'ok' : d.state === 'failed' ? 'bad' : 'warn';
    return `<tr><td class="${cls}">${esc(d.state)}</td><td>${esc(d.kind)}</td><td>${esc(d.userId ?? '')}</td><td>${esc(d.subject)}</td>`
      + `<td>${d.attempts.length}</td><td>${last ? `${esc(last.status ?? last.error)} · ${last.latencyMs} ms${last.deadlineMet ? '' : ' <span class="bad">late</span>'}` : ''}</td>`
      + `<td><pre>${esc(last?.problem ?? '')}${last?.responseBody ? esc(last.responseBody.slice(0, 300)) : ''}</pre></td>`
      + `<td>${esc(d.faults.join(', '))}</td><td class="muted">${esc(d.id)}</td></tr>`;
  }).join('');
  return `<h2>Callbacks to the hub</h2>${rows ? `<table><tr><th>state</th><th>kind</th><th>user</th><th>subject</th><th>attempts</th><th>last answer</th><th>problem / body</th><th>faults</th><th>id</th></tr>${rows}</table>` : '<p class="muted">none yet</p>'}`;
}

export function flash(delivery: CallbackDelivery | undefined): string {
  if (!delivery) return '';
  const last = delivery.attempts[delivery.attempts.length - 1];
  if (!last) return `<p class="warn">Callback ${esc(delivery.id)} is on its way.</p>`;
  const cls = last.ok ? 'ok' : 'bad';
  return `<p class="${cls}">Callback ${esc(delivery.kind)} as ${esc(delivery.userId ?? '')}: ${esc(last.status ?? last.error)} in ${last.latencyMs} ms`
    + `${last.problem ? ` — ${esc(last.problem)}` : ''}${last.answer !== undefined ? ` — answer: <code>${esc(JSON.stringify(last.answer))}</code>` : ''}</p>`;
}
