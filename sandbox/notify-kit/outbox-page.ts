// The small HTML page each message simulator serves at GET /_sim (and GET /): what it received,
// newest first, in the common outbox shape. Plain HTML, no script; everything escaped.
import { sortOutbox, type SandboxOutboxEntry } from './outbox-entry';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function paramsText(params: SandboxOutboxEntry['params']): string {
  return Array.isArray(params) ? params.map((p, i) => `{${i + 1}}=${p}`).join(' ') : Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ');
}

export function renderOutboxPage(title: string, entries: SandboxOutboxEntry[], notes: string[] = []): string {
  const rows = sortOutbox(entries).map((e) => `<tr>
<td>${escapeHtml(e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}</td><td>${escapeHtml(e.tenantId)}</td><td>${escapeHtml(e.to)}</td>
<td>${escapeHtml(e.template)}</td><td>${escapeHtml(paramsText(e.params))}</td><td>${escapeHtml(e.text ?? '')}</td>
<td class="${e.status.toLowerCase()}">${escapeHtml(e.status)}</td><td><code>${escapeHtml(e.providerMessageId)}</code></td>
<td><code>${escapeHtml(e.idempotencyKey ?? '')}</code></td></tr>`).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}.delivered{color:#176c2a}.failed{color:#b00020}.accepted{color:#555}
code{font-size:12px}p.note{color:#555}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
${notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n')}
<p>${entries.length} message(s). JSON: <a href="/_sim/outbox">/_sim/outbox</a>, <a href="/_sim/state">/_sim/state</a>.</p>
<table><thead><tr><th>accepted</th><th>tenant</th><th>to</th><th>template</th><th>params</th><th>text</th><th>status</th><th>message id</th><th>idempotency</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="9">nothing received yet</td></tr>'}
</tbody></table>
</body></html>`;
}
