// The SMTP sandbox (sandbox/smtp): a real SMTP server that keeps what nodemailer sends, parsed
// (from, to, subject, text, html, headers incl. Message-ID), on its inbox page and as JSON, finds
// the hub's signed decision links (spec §4, vectors L1–L3) and can refuse mail on request.
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import { startSmtpSandbox, type SmtpSandbox } from '../sandbox/smtp/smtp-sandbox';

const L1 = 'hbl1.eyJ2IjoxLCJraWQiOiJrMjAyNmEiLCJ0aWQiOiJ0X3J1aXhpbmciLCJhaWQiOiJhcHBfRE0yMDI2MTEyNTAwMDEyMyIsImFjdCI6ImFwcHJvdmUiLCJyZXYiOiJydl96aGFuZ3dlaSIsImlhdCI6MTc5NTU3MDIwMCwiZXhwIjoxNzk1ODI5NDAwLCJqdGkiOiJKbTNrUTh2UjJ4VDV5Vzd6In0.87Jha-lPcboHIdqp-Poy5q-oG2TT936mzCnVVyNNRAE';
const L2 = 'hbl1.eyJ2IjoxLCJraWQiOiJrMjAyNmEiLCJ0aWQiOiJ0X3J1aXhpbmciLCJhaWQiOiJhcHBfSlpNNzczMTAwMiIsImFjdCI6InJlaW50ZXJ2aWV3IiwicmV2IjoicnZfbGluYSIsImlhdCI6MTc5NTU3MDIwMCwiZXhwIjoxNzk1ODI5NDAwLCJqdGkiOiJQcTRzVjZ4WjhiRDBmSDJrIn0.plsJmulIxafgzHRUO1njqIJbxvWpk_e29VSbiUtQOpc';
const L3 = 'hbl1.eyJ2IjoxLCJraWQiOiJrMjAyNmEiLCJ0aWQiOiJ0X3J1aXhpbmciLCJhaWQiOiJhcHBfRE0yMDI2MTEyNTAwMDEyMyIsImFjdCI6InJlamVjdCIsInJldiI6InJ2X3poYW5nd2VpIiwiaWF0IjoxNzk1NTcwMjAwLCJleHAiOjE3OTU4Mjk0MDAsImp0aSI6IkptM2tROHZSMnhUNXlXN3oifQ.87Jha-lPcboHIdqp-Poy5q-oG2TT936mzCnVVyNNRAE';
const LINK_KEY = Buffer.from('5b0e6a3f9c2d47e18a6b3c0d5e7f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b', 'hex');
const mac = (token: string) => createHmac('sha256', LINK_KEY).update(token.slice(0, token.lastIndexOf('.'))).digest();

describe('SMTP sandbox', () => {
  let smtp: SmtpSandbox;
  let transport: ReturnType<typeof nodemailer.createTransport>;
  beforeEach(async () => {
    smtp = await startSmtpSandbox();
    transport = nodemailer.createTransport({ host: smtp.host, port: smtp.smtpPort, secure: false });
  });
  afterEach(async () => {
    transport.close();
    await smtp.close();
  });

  it('the link vectors L1–L3 are the spec\'s (HMAC computed here)', () => {
    expect(mac(L1).toString('hex')).toBe('f3b2616be94f71ba0721daa9f8fa32e6afa81b64d3f77ea6cc29d557234d4401');
    expect(mac(L1).toString('base64url')).toBe(L1.split('.')[2]);
    expect(mac(L2).toString('hex')).toBe('a65b099ae948c5a7e0cc74543b59e3a8825bc6f5a993f7b6f5549b894b503a97');
    expect(mac(L3).toString('hex')).toBe('a7db823f74b87e381ad9a2a6a83795c33d192635855961fd3c50a2707a3499a5');
    expect(L3.split('.')[2]).toBe(L1.split('.')[2]); // the forgery kept L1's MAC
  });

  it('keeps a mail sent with nodemailer and finds its signed links', async () => {
    const hub = 'http://127.0.0.1:3000';
    const info = await transport.sendMail({
      from: 'HireBridge 招聘助手 <noreply@hub.example.cn>',
      to: 'zhangwei@demo.example',
      cc: 'lina@demo.example',
      subject: 'AI面试复核：张三 · 门店促销员',
      text: `通过 ${hub}/hr/d/${L1}\n再面一次 ${hub}/hr/d/${L2}`,
      html: `<p>张三</p><a href="${hub}/hr/d/${L1}">通过</a> <a href="${hub}/hr/d/${L3}">不通过</a> <a href="https://hub.example.cn/review/rv_1?x=1&amp;y=2">详情</a>`,
      headers: { 'X-HireBridge-Review': 'rv_01JDZ8Q4K7M2N3P4Q5R6S7T8V9' },
    });
    expect(info.response).toMatch(/^250 /);
    const mail = await smtp.waitForMail({ to: 'zhangwei@demo.example', subject: '复核' });
    expect(mail).toMatchObject({
      messageId: info.messageId,
      fromAddress: 'noreply@hub.example.cn',
      to: ['zhangwei@demo.example'],
      cc: ['lina@demo.example'],
      subject: 'AI面试复核：张三 · 门店促销员',
      envelope: { mailFrom: 'noreply@hub.example.cn', rcptTo: ['zhangwei@demo.example', 'lina@demo.example'] },
    });
    expect(mail.from).toContain('HireBridge 招聘助手');
    expect(mail.text).toContain('再面一次');
    expect(mail.html).toContain('<p>张三</p>');
    expect(mail.headers['message-id']).toBe(info.messageId);
    expect(mail.headers['x-hirebridge-review']).toBe('rv_01JDZ8Q4K7M2N3P4Q5R6S7T8V9');
    expect(mail.links).toContain('https://hub.example.cn/review/rv_1?x=1&y=2');
    const links = smtp.signedLinks(mail);
    expect(links.map((l) => [l.act, l.url])).toEqual([
      ['approve', `${hub}/hr/d/${L1}`],
      ['reject', `${hub}/hr/d/${L3}`], // read, not verified: the hub rejects this forgery
      ['reinterview', `${hub}/hr/d/${L2}`],
    ]);
    expect(links[0]!.claims).toMatchObject({ v: 1, kid: 'k2026a', tid: 't_ruixing', aid: 'app_DM20261125000123', rev: 'rv_zhangwei', exp: 1795829400, jti: 'Jm3kQ8vR2xT5yW7z' });
    expect(smtp.mails({ to: 'lina@demo.example' })).toHaveLength(1);
    expect(smtp.mails({ to: 'nobody@demo.example' })).toHaveLength(0);

    const listed = await (await fetch(`${smtp.url}/_sim/mails?to=zhangwei@demo.example`)).json() as any[];
    expect(listed).toHaveLength(1);
    expect(listed[0].signedLinks.map((l: any) => l.act)).toEqual(['approve', 'reject', 'reinterview']);
    expect(listed[0]).not.toHaveProperty('raw');
    const raw = await (await fetch(`${smtp.url}/_sim/mails/${mail.id}/raw`)).text();
    expect(raw).toContain(`Message-ID: ${info.messageId}`);
    const inbox = await (await fetch(`${smtp.url}/`)).text();
    expect(inbox).toContain('AI面试复核：张三 · 门店促销员');
    const page = await (await fetch(`${smtp.url}/mails/${mail.id}`)).text();
    expect(page).toContain('<b>approve</b>');
    expect(page).toContain('sandbox="allow-popups');
  });

  it('refuses mail on request, with the SMTP codes nodemailer reports', async () => {
    smtp.injectFailure({ kind: 'tempfail' });
    await expect(transport.sendMail({ from: 'a@hub.example.cn', to: 'hr@demo.example', subject: 'x', text: 'y' })).rejects.toMatchObject({ responseCode: 451 });
    smtp.injectFailure({ kind: 'reject' });
    await expect(transport.sendMail({ from: 'a@hub.example.cn', to: 'hr@demo.example', subject: 'x', text: 'y' })).rejects.toMatchObject({ responseCode: 550 });
    expect(smtp.mails()).toHaveLength(0);
    await transport.sendMail({ from: 'a@hub.example.cn', to: 'hr@demo.example', subject: 'x', text: 'y' });
    expect(smtp.mails()).toHaveLength(1);
    await fetch(`${smtp.url}/_sim/mails`, { method: 'DELETE' });
    expect(smtp.mails()).toHaveLength(0);
    await expect(smtp.waitForMail({ subject: 'never' }, 100)).rejects.toThrow(/within 100 ms/);
  });

  it('requires AUTH when configured', async () => {
    const guarded = await startSmtpSandbox({ auth: { user: 'hub', pass: 'dev-smtp-pass' } });
    const send = (pass?: string) => {
      const t = nodemailer.createTransport({ host: guarded.host, port: guarded.smtpPort, secure: false, ...(pass ? { auth: { user: 'hub', pass } } : {}) });
      return t.sendMail({ from: 'a@hub.example.cn', to: 'hr@demo.example', subject: 'auth', text: 'y' }).finally(() => t.close());
    };
    try {
      await expect(send('wrong')).rejects.toMatchObject({ responseCode: 535 });
      await expect(send()).rejects.toMatchObject({ responseCode: 530 });
      await send('dev-smtp-pass');
      expect(guarded.mails()[0]).toMatchObject({ authUser: 'hub', subject: 'auth' });
    } finally {
      await guarded.close();
    }
  });
});
