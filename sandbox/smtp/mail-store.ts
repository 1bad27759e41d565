// The SMTP sandbox's mailbox: every accepted message parsed with mailparser (from, to, subject,
// text, html, headers incl. Message-ID), kept in memory in arrival order, with the links found in
// it, and waiters for tests that expect a mail.
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

export interface StoredMail {
  id: string;
  receivedAt: string;
  /** The SMTP envelope (what the sender said in MAIL FROM / RCPT TO). */
  envelope: { mailFrom: string | null; rcptTo: string[] };
  /** The AUTH user, when the client authenticated. */
  authUser?: string;
  messageId?: string;
  from?: string;
  fromAddress?: string;
  to: string[];
  cc: string[];
  subject?: string;
  text?: string;
  html?: string;
  /** Decoded headers, lowercase names (one value, or several when repeated). */
  headers: Record<string, string | string[]>;
  /** Every http(s) link in the HTML (href) and the text, in order, without duplicates. */
  links: string[];
  attachments: { filename?: string; contentType: string; size: number }[];
  size: number;
  raw: string;
}

export type MailFilter = { to?: string; subject?: string | RegExp; since?: string };

const addresses = (v: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(v) ? v : v ? [v] : []).flatMap((a) => a.value.flatMap((e) => (e.address ? [e.address] : (e.group ?? []).flatMap((g) => (g.address ? [g.address] : [])))));

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(headerText).join(', ');
  if (value && typeof value === 'object') {
    const v = value as { text?: unknown; value?: unknown; params?: Record<string, string> };
    if (typeof v.text === 'string') return v.text;
    if (typeof v.value === 'string') return [v.value, ...Object.entries(v.params ?? {}).map(([k, p]) => `${k}=${p}`)].join('; ');
  }
  return String(value);
}

function headersOf(parsed: ParsedMail): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const { key } of parsed.headerLines) {
    if (key in out) continue;
    const value = parsed.headers.get(key);
    out[key] = Array.isArray(value) && key !== 'references' ? value.map(headerText) : headerText(value);
  }
  return out;
}

function linksOf(html: string | undefined, text: string | undefined): string[] {
  const found: string[] = [];
  const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  for (const m of (html ?? '').matchAll(/href\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) found.push(decode(m[1] ?? m[2] ?? ''));
  for (const m of (text ?? '').matchAll(/https?:\/\/[^\s<>"')\]]+/g)) found.push(m[0]);
  return [...new Set(found.filter((l) => /^https?:\/\//i.test(l)))];
}

export class MailStore {
  private readonly list: StoredMail[] = [];
  private readonly waiters: { filter: (m: StoredMail) => boolean; resolve(m: StoredMail): void }[] = [];
  private seq = 0;

  async add(raw: Buffer, envelope: StoredMail['envelope'], authUser?: string): Promise<StoredMail> {
    const parsed = await simpleParser(raw);
    const mail: StoredMail = {
      id: `m${String(++this.seq).padStart(5, '0')}`,
      receivedAt: new Date().toISOString(),
      envelope,
      authUser,
      messageId: parsed.messageId,
      from: parsed.from?.text,
      fromAddress: parsed.from?.value[0]?.address,
      to: addresses(parsed.to),
      cc: addresses(parsed.cc),
      subject: parsed.subject,
      text: parsed.text,
      html: typeof parsed.html === 'string' ? parsed.html : undefined,
      headers: headersOf(parsed),
      links: linksOf(typeof parsed.html === 'string' ? parsed.html : undefined, parsed.text),
      attachments: parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })),
      size: raw.length,
      raw: raw.toString('utf8'),
    };
    this.list.push(mail);
    for (const w of [...this.waiters]) {
      if (w.filter(mail)) { this.waiters.splice(this.waiters.indexOf(w), 1); w.resolve(mail); }
    }
    return mail;
  }

  static matches(mail: StoredMail, f: MailFilter): boolean {
    const to = f.to?.toLowerCase();
    if (to && ![...mail.to, ...mail.cc, ...mail.envelope.rcptTo].some((a) => a.toLowerCase() === to)) return false;
    if (f.subject !== undefined && !(typeof f.subject === 'string' ? (mail.subject ?? '').includes(f.subject) : f.subject.test(mail.subject ?? ''))) return false;
    if (f.since !== undefined && mail.receivedAt < f.since) return false;
    return true;
  }

  all(filter: MailFilter = {}): StoredMail[] {
    return this.list.filter((m) => MailStore.matches(m, filter));
  }

  get(id: string): StoredMail | undefined {
    return this.list.find((m) => m.id === id || m.messageId === id);
  }

  /** The first stored mail matching, or the next to arrive. */
  waitFor(filter: MailFilter | ((m: StoredMail) => boolean), timeoutMs: number): Promise<StoredMail> {
    const test = typeof filter === 'function' ? filter : (m: StoredMail) => MailStore.matches(m, filter);
    const existing = this.list.find(test);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter = { filter: test, resolve: (m: StoredMail) => { clearTimeout(timer); resolve(m); } };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching e-mail within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  clear(): void {
    this.list.length = 0;
  }
}
