// The SMTP sandbox for dev and tests: a real SMTP server (smtp-server) on 127.0.0.1 that accepts
// every mail the hub sends, parses it with mailparser and keeps it, plus an HTTP side with an inbox
// page and JSON. It stores mail only; following the signed links in it is left to a test or a person.
//
// Usage (jest):
//   const smtp = await startSmtpSandbox();                        // smtp.host, smtp.smtpPort; smtp.url (HTTP)
//   nodemailer.createTransport({ host: smtp.host, port: smtp.smtpPort, secure: false })
//   const mail = await smtp.waitForMail({ to: 'hr@demo.example', subject: '复核' });
//   mail.messageId, mail.subject, mail.text, mail.html, mail.headers['message-id']
//   smtp.signedLinks(mail).find((l) => l.act === 'approve')?.url  // the hub's /hr/d/{token} link
//   smtp.injectFailure({ kind: 'tempfail', count: 1 });          // next mail: 451 (nodemailer error)
//   await smtp.close();
// By hand: http://127.0.0.1:4109/ is the inbox; SMTP on 127.0.0.1:2525 (`npm run dev`).
import express from 'express';
import { SMTPServer, type SMTPServerError } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { listenLoopback } from '../sim-kit/http-listen';
import { MailStore, type MailFilter, type StoredMail } from './mail-store';
import { renderInbox, renderMail } from './smtp-page';
import { signedLinks, type SignedLink } from './signed-links';

export type { MailFilter, SignedLink, StoredMail };

export interface SmtpSandboxOptions {
  /** SMTP port. Default 0 (a free port); always 127.0.0.1. */
  smtpPort?: number;
  /** HTTP port of the inbox page and JSON. Default 0. */
  httpPort?: number;
  /** When set, clients must AUTH (PLAIN/LOGIN, no TLS) with these; otherwise AUTH is optional and any login is accepted. */
  auth?: { user: string; pass: string };
  /** Largest message accepted (SIZE). Default 10 MB. */
  maxSizeBytes?: number;
}

export type SmtpFailure =
  | { kind: 'reject'; count?: number }     // 550 after DATA: permanent
  | { kind: 'tempfail'; count?: number }   // 451 after DATA: try again later
  | { kind: 'slow'; count?: number; delayMs?: number };

export interface SmtpSandbox {
  host: string;
  smtpPort: number;
  /** The HTTP side (inbox page, /_sim JSON). */
  url: string;
  mails(filter?: MailFilter): StoredMail[];
  mail(idOrMessageId: string): StoredMail | undefined;
  /** The first stored mail that matches, or the next one to arrive (default 5 s). */
  waitForMail(filter: MailFilter | ((m: StoredMail) => boolean), timeoutMs?: number): Promise<StoredMail>;
  /** The hub's signed decision links in a mail, with their decoded claims. */
  signedLinks(mail: StoredMail | string): SignedLink[];
  injectFailure(failure: SmtpFailure): void;
  clearFailures(): void;
  clear(): void;
  close(): Promise<void>;
}

const smtpError = (message: string, responseCode: number): SMTPServerError => Object.assign(new Error(message), { responseCode });

export async function startSmtpSandbox(options: SmtpSandboxOptions = {}): Promise<SmtpSandbox> {
  const store = new MailStore();
  const failures: (SmtpFailure & { remaining: number })[] = [];
  const takeFailure = () => {
    const f = failures[0];
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) failures.shift();
    return f;
  };

  const server = new SMTPServer({
    banner: 'HireBridge SMTP sandbox',
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    size: options.maxSizeBytes ?? 10 * 1024 * 1024,
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      if (options.auth && (auth.username !== options.auth.user || auth.password !== options.auth.pass)) {
        callback(smtpError('Invalid username or password', 535));
        return;
      }
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        void (async () => {
          if (stream.sizeExceeded) return callback(smtpError('Message exceeds the size limit', 552));
          const failure = takeFailure();
          if (failure?.kind === 'reject') return callback(smtpError('Mailbox unavailable (sandbox reject)', 550));
          if (failure?.kind === 'tempfail') return callback(smtpError('Try again later (sandbox tempfail)', 451));
          if (failure?.kind === 'slow') await new Promise((r) => setTimeout(r, failure.delayMs ?? 5000));
          try {
            const mail = await store.add(Buffer.concat(chunks), {
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
            }, typeof session.user === 'string' ? session.user : undefined);
            callback(null, `Queued as ${mail.id}`);
          } catch (err) {
            callback(smtpError(`Cannot parse the message: ${(err as Error).message}`, 554));
          }
        })();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.smtpPort ?? 0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const smtpPort = (server.server.address() as AddressInfo).port;

  const app = express();
  app.disable('x-powered-by');
  const withoutRaw = ({ raw: _raw, ...m }: StoredMail) => ({ ...m, signedLinks: signedLinks({ ...m, raw: '' }) });
  app.get('/', (_req, res) => { res.type('html').send(renderInbox(store.all())); });
  app.get('/mails/:id', (req, res) => {
    const mail = store.get(req.params.id);
    if (!mail) return void res.status(404).type('text/plain').send('no such mail');
    res.type('html').send(renderMail(mail));
  });
  app.get('/_sim/state', (_req, res) => { res.json({ smtp: { host: '127.0.0.1', port: smtpPort }, mails: store.all().map(withoutRaw), failuresPending: failures.length }); });
  app.get('/_sim/mails', (req, res) => {
    const filter: MailFilter = {
      to: typeof req.query.to === 'string' ? req.query.to : undefined,
      subject: typeof req.query.subject === 'string' ? req.query.subject : undefined,
      since: typeof req.query.since === 'string' ? req.query.since : undefined,
    };
    res.json(store.all(filter).map(withoutRaw));
  });
  app.get('/_sim/mails/:id', (req, res) => {
    const mail = store.get(req.params.id);
    if (!mail) return void res.status(404).json({ error: 'no such mail' });
    res.json({ ...mail, signedLinks: signedLinks(mail) });
  });
  app.get('/_sim/mails/:id/raw', (req, res) => {
    const mail = store.get(req.params.id);
    if (!mail) return void res.status(404).type('text/plain').send('no such mail');
    res.type('message/rfc822').send(mail.raw);
  });
  app.delete('/_sim/mails', (_req, res) => { store.clear(); res.json({ ok: true }); });
  app.post('/_sim/failures', express.json(), (req, res) => {
    const body = (req.body ?? {}) as { kind?: unknown; count?: unknown; delayMs?: unknown };
    if (body.kind !== 'reject' && body.kind !== 'tempfail' && body.kind !== 'slow') return void res.status(400).json({ error: 'kind must be reject, tempfail or slow' });
    failures.push({ kind: body.kind, remaining: typeof body.count === 'number' ? body.count : 1, ...(typeof body.delayMs === 'number' ? { delayMs: body.delayMs } : {}) } as SmtpFailure & { remaining: number });
    res.json({ ok: true });
  });
  const http = await listenLoopback(app, options.httpPort ?? 0);

  return {
    host: '127.0.0.1',
    smtpPort,
    url: http.url,
    mails: (filter) => store.all(filter),
    mail: (id) => store.get(id),
    waitForMail: (filter, timeoutMs = 5000) => store.waitFor(filter, timeoutMs),
    signedLinks: (mail) => {
      const m = typeof mail === 'string' ? store.get(mail) : mail;
      return m ? signedLinks(m) : [];
    },
    injectFailure: (f) => { failures.push({ ...f, remaining: f.count ?? 1 }); },
    clearFailures: () => { failures.length = 0; },
    clear: () => store.clear(),
    async close() {
      await Promise.all([new Promise<void>((r) => server.close(() => r())), http.close()]);
    },
  };
}
