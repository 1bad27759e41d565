// The SMTP sandbox's pages: the inbox (newest first) and one mail with its headers, text, links
// (the hub's signed decision links labelled by action) and the HTML part in a sandboxed frame.
import { esc, renderPage } from '../hr-kit/sim-page';
import type { StoredMail } from './mail-store';
import { signedLinks } from './signed-links';

export function renderInbox(mails: StoredMail[]): string {
  const rows = [...mails].reverse().map((m) => `<tr><td>${esc(m.receivedAt.replace('T', ' ').slice(0, 19))}</td><td>${esc(m.from)}</td>`
    + `<td>${esc(m.to.join(', '))}</td><td><a href="/mails/${esc(m.id)}">${esc(m.subject ?? '(no subject)')}</a></td><td>${signedLinks(m).length}</td></tr>`).join('');
  return renderPage('SMTP sandbox',
    rows ? `<table><tr><th>received (UTC)</th><th>from</th><th>to</th><th>subject</th><th>decision links</th></tr>${rows}</table>`
      : '<p class="muted">No mail yet. JSON: <a href="/_sim/mails">/_sim/mails</a></p>');
}

export function renderMail(m: StoredMail): string {
  const headers = Object.entries(m.headers).map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(Array.isArray(v) ? v.join(' | ') : v)}</td></tr>`).join('');
  const signed = signedLinks(m);
  const links = m.links.map((l) => {
    const s = signed.find((x) => x.url === l);
    return `<li>${s ? `<b>${esc(s.act ?? 'signed link')}</b> ` : ''}<a href="${esc(l)}" target="_blank" rel="noreferrer">${esc(l)}</a></li>`;
  }).join('');
  return renderPage(m.subject ?? '(no subject)',
    `<p><a href="/">← inbox</a> · <a href="/_sim/mails/${esc(m.id)}">JSON</a> · <a href="/_sim/mails/${esc(m.id)}/raw">raw</a></p>`
    + `<table>${headers}</table>`
    + (links ? `<h2>Links</h2><ul>${links}</ul>` : '')
    + (m.text ? `<h2>Text</h2><pre>${esc(m.text)}</pre>` : '')
    + (m.html ? `<h2>HTML</h2><iframe sandbox="allow-popups allow-popups-to-escape-sandbox" style="width:100%;height:32rem;border:1px solid #ddd" srcdoc="${esc(m.html)}"></iframe>` : ''));
}
