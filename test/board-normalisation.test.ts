// Normalisation of board payloads to the canonical application: phone numbers, free-text wages,
// Beijing times, both boards' schemas, CSV rows and encodings, and the at-rest cipher. Pure: no servers.
import iconv from 'iconv-lite';
import { beijingTimeToUtc, birthYearFromDate, isoWithOffsetToUtc } from '../common/board-times';
import { toChinaMobileE164 } from '../common/china-mobile';
import { DataCipher, parseDataKey } from '../common/data-cipher';
import { HubError } from '../common/errors';
import { parseHourlyWage } from '../common/hourly-wage';
import { mapCsvHeader, normaliseCsvRow } from '../intake/csv-columns';
import { decodeCsv } from '../intake/csv-encoding';
import { readCsvRows } from '../intake/csv-import';
import { healthCertificateFromAnswers, normaliseDoumiApplication } from '../connectors/doumi/doumi-application';
import { parseDoumiWebhook } from '../connectors/doumi/doumi-webhook';
import { jianzhimaoResumeNotes, normaliseJianzhimaoResume } from '../connectors/jianzhimao/jianzhimao-resume';
import { parseJianzhimaoWebhook } from '../connectors/jianzhimao/jianzhimao-webhook';
import { doumiApplicationExample as doumiExample, jianzhimaoResumeExample as jianzhimaoExample } from './support/board-payloads';

function invalid(fn: () => unknown): HubError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HubError) return err;
    throw err;
  }
  throw new Error('expected an invalid HubError');
}

describe('Chinese mobile numbers → E.164', () => {
  it.each([
    ['13800138000', '+8613800138000'],
    ['+8613800138000', '+8613800138000'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['86-138-0013-8000', '+8613800138000'],
    ['8613800138000', '+8613800138000'],
    ['008613800138000', '+8613800138000'],
    ['(+86) 139-0013-9000', '+8613900139000'],
    [' 19912345678 ', '+8619912345678'],
    ['１３８００１３８０００', '+8613800138000'],
    [13800138000, '+8613800138000'],
  ])('%p → %s', (input, expected) => {
    expect(toChinaMobileE164(input)).toBe(expected);
  });

  it.each([['12345678901'], ['1380013800'], ['138001380001'], ['021-12345678'], ['+1 415 555 0100'], ['+85212345678'], ['138-0013-800O'], [''], [null], ['tel:13800138000']])(
    '%p is not a mainland mobile number',
    (input) => {
      expect(toChinaMobileE164(input)).toBeNull();
    },
  );
});

describe('hourly wage from free text', () => {
  it.each([
    ['25元/小时', 25],
    ['25/h', 25],
    ['25/H', 25],
    ['25元/时', 25],
    ['25 元 / 小时', 25],
    ['25元每小时', 25],
    ['25块钱一小时', 25],
    ['时薪25', 25],
    ['¥25/h', 25],
    ['２５元／小时', 25],
    ['22.5元/小时', 22.5],
    ['20-25元/小时', 20],
    ['20~25/h', 20],
    ['25元/小时起', 25],
    ['200/天', 25],
    ['200元/天', 25],
    ['150元/日', 18.75],
    ['日薪200', 25],
    ['25', 25],
    [25, 25],
  ])('%p → %p per hour', (text, hourly) => {
    expect(parseHourlyWage(text)).toEqual({ hourly });
  });

  it.each([
    ['面议', 'Negotiable'],
    ['薪资面议', 'Negotiable'],
    ['不限', 'Negotiable'],
    ['3000元/月', 'MonthlyRate'],
    ['月薪4000', 'MonthlyRate'],
    ['3k/月', 'MonthlyRate'],
    ['800/周', 'WeeklyRate'],
    ['5元/单', 'PieceRate'],
    ['300', 'AmbiguousUnit'],
    ['好说', 'Unparsable'],
    ['', 'Empty'],
    [null, 'Empty'],
  ])('%p → null (%s)', (text, reason) => {
    expect(parseHourlyWage(text)).toEqual({ hourly: null, reason });
  });
});

describe('times', () => {
  it('Beijing wall-clock time (no zone) → UTC', () => {
    expect(beijingTimeToUtc('2026-11-25 09:31:07')).toBe('2026-11-25T01:31:07.000Z');
    expect(beijingTimeToUtc('2026-11-25 03:00:00')).toBe('2026-11-24T19:00:00.000Z');
    expect(beijingTimeToUtc('2026/1/5 8:05')).toBe('2026-01-05T00:05:00.000Z');
    expect(beijingTimeToUtc('2026-11-25')).toBe('2026-11-24T16:00:00.000Z');
    for (const bad of ['2026-02-30 10:00:00', '2026-11-25 24:00:00', '2026-11-25T09:31:07+08:00', 'yesterday', '']) expect(beijingTimeToUtc(bad)).toBeNull();
  });

  it('ISO with offset → UTC; without a zone it is refused', () => {
    expect(isoWithOffsetToUtc('2026-11-25T09:30:00+08:00')).toBe('2026-11-25T01:30:00.000Z');
    expect(isoWithOffsetToUtc('2026-11-25T01:30:00Z')).toBe('2026-11-25T01:30:00.000Z');
    expect(isoWithOffsetToUtc('2026-11-25T09:30:00')).toBeNull();
    expect(isoWithOffsetToUtc('2026-02-30T09:30:00+08:00')).toBeNull();
  });

  it('birth year from a birth date', () => {
    expect(birthYearFromDate('2003-04-01')).toBe(2003);
    expect(birthYearFromDate('2003-02-29')).toBeNull();
    expect(birthYearFromDate(null)).toBeNull();
  });
});

describe('Doumi application → canonical', () => {
  it('normalises the spec example', () => {
    expect(normaliseDoumiApplication('demo', doumiExample())).toEqual({
      tenantId: 'demo',
      board: 'doumi',
      applicationId: 'DM20261125000123',
      jobCode: 'RX-SH-PROMO-001',
      appliedAt: '2026-11-25T01:30:00.000Z',
      candidate: {
        name: '张三',
        phoneE164: '+8613800138000',
        gender: 'MALE',
        birthYear: 2003,
        city: '上海',
        isStudent: true,
        hasHealthCertificate: true,
        availability: [{ weekday: 6, from: '09:00', to: '18:00' }],
        availabilityText: null,
        expectedHourlyWage: 25,
        selfIntroduction: '做过两年超市促销,周末有空',
      },
    });
  });

  it('accepts the optional fields null or missing, and +86 numbers', () => {
    const app = doumiExample() as Record<string, any>;
    app.candidate = { name: '王五', mobile: '+86 139 0013 9000', gender: 'UNKNOWN', city: '上海', birthDate: null, availability: null, expectedHourlyWage: null };
    delete app.answers;
    const result = normaliseDoumiApplication('demo', app);
    expect(result.candidate).toMatchObject({ phoneE164: '+8613900139000', gender: 'UNKNOWN', birthYear: null, availability: [], expectedHourlyWage: null, hasHealthCertificate: null, isStudent: null });
  });

  it('reads the health certificate from the screening answers', () => {
    expect(healthCertificateFromAnswers([{ question: '是否有健康证?', answer: '有' }])).toBe(true);
    expect(healthCertificateFromAnswers([{ question: '有健康证吗', answer: '没有' }])).toBe(false);
    expect(healthCertificateFromAnswers([{ question: '是否有健康证?', answer: '在办' }])).toBeNull();
    expect(healthCertificateFromAnswers([{ question: '周末能上班吗', answer: '有' }])).toBeNull();
  });

  it.each([
    ['no phone', (a: any) => delete a.candidate.mobile, 'MissingPhone', 'data.application.candidate.mobile: missing'],
    ['an empty phone', (a: any) => (a.candidate.mobile = ''), 'MissingPhone', 'candidate.mobile'],
    ['a landline', (a: any) => (a.candidate.mobile = '021-12345678'), 'InvalidPhone', 'data.application.candidate.mobile: is not a mainland China mobile number'],
    ['no job code', (a: any) => (a.outerJobCode = null), 'MissingJobCode', 'data.application.outerJobCode: missing'],
    ['a time without zone', (a: any) => (a.appliedAt = '2026-11-25 09:30:00'), 'InvalidPayload', 'data.application.appliedAt: must be an ISO-8601 time with an offset'],
    ['an unknown gender', (a: any) => (a.candidate.gender = 'M'), 'InvalidPayload', 'data.application.candidate.gender'],
    ['a bad availability slot', (a: any) => (a.candidate.availability[0].weekday = 0), 'InvalidPayload', 'data.application.candidate.availability[0].weekday'],
    ['an unsafe application ID', (a: any) => (a.applicationId = '../x'), 'InvalidPayload', 'data.application.applicationId'],
  ])('%s → invalid, naming the field', (_what, change, code, message) => {
    const app = doumiExample();
    change(app);
    const err = invalid(() => normaliseDoumiApplication('demo', app, 'data.application'));
    expect(err.kind).toBe('invalid');
    expect(err.code).toBe(code);
    expect(err.message).toContain(message);
    // Problems name fields, never the values sent.
    expect(JSON.stringify(err.details)).not.toMatch(/张三|021-12345678/);
  });

  it('webhook bodies: events, withdrawal, and bad JSON named without echoing the body', () => {
    const created = parseDoumiWebhook('demo', Buffer.from(JSON.stringify({ event: 'application.created', deliveryId: 'x', occurredAt: '2026-11-25T09:30:00+08:00', data: { application: doumiExample() } })));
    expect(created.ok && created.delivery.kind).toBe('application');
    const withdrawn = parseDoumiWebhook(
      'demo',
      Buffer.from(JSON.stringify({ event: 'application.withdrawn', deliveryId: 'y', data: { applicationId: 'DM1', withdrawnAt: '2026-11-25T10:00:00+08:00', reason: '找到工作了' } })),
    );
    expect(withdrawn).toEqual({ ok: true, delivery: { kind: 'withdrawal', tenantId: 'demo', board: 'doumi', applicationId: 'DM1', at: '2026-11-25T02:00:00.000Z' } });
    const badJson = parseDoumiWebhook('demo', Buffer.from('{"name":"张三",'));
    expect(badJson.ok).toBe(false);
    if (!badJson.ok) {
      expect(badJson.error.code).toBe('InvalidJson');
      expect(badJson.error.message).not.toContain('张三');
    }
    const mismatch = parseDoumiWebhook('demo', Buffer.from(JSON.stringify({ event: 'application.created', data: { application: doumiExample() } })), 'application.withdrawn');
    expect(!mismatch.ok && mismatch.error.message).toContain('X-Dm-Event');
    const unknown = parseDoumiWebhook('demo', Buffer.from(JSON.stringify({ event: 'job.created', data: {} })));
    expect(!unknown.ok && unknown.error.code).toBe('UnknownEvent');
  });
});

describe('Jianzhimao resume → canonical', () => {
  it('normalises the spec example: Beijing time to UTC, sex, flags, wage text', () => {
    expect(normaliseJianzhimaoResume('demo', jianzhimaoExample())).toEqual({
      tenantId: 'demo',
      board: 'jianzhimao',
      applicationId: 'JZM7731002',
      jobCode: 'RX-SH-PROMO-001',
      appliedAt: '2026-11-25T01:31:07.000Z',
      candidate: {
        name: '李四',
        phoneE164: '+8613900139000',
        gender: 'MALE',
        birthYear: 2004,
        city: '上海市',
        isStudent: true,
        hasHealthCertificate: true,
        availability: [],
        availabilityText: '周末全天',
        expectedHourlyWage: 25,
        selfIntroduction: '在奶茶店做过一年兼职',
      },
    });
  });

  it('sex 2/0, birth_year 0, flags 0, 面议, empty school, numbers sent as strings', () => {
    const r = { ...jianzhimaoExample(), sex: '2', birth_year: 0, is_student: 0, health_cert: '0', expect_salary: '面议', school: '' };
    expect(normaliseJianzhimaoResume('demo', r).candidate).toMatchObject({ gender: 'FEMALE', birthYear: null, isStudent: false, hasHealthCertificate: false, expectedHourlyWage: null });
    expect(normaliseJianzhimaoResume('demo', { ...r, sex: 0 }).candidate.gender).toBe('UNKNOWN');
    expect(jianzhimaoResumeNotes(r)).toEqual([{ field: 'expect_salary', reason: 'Negotiable' }]);
    expect(normaliseJianzhimaoResume('demo', { ...r, expect_salary: '200/天' }).candidate.expectedHourlyWage).toBe(25);
  });

  it.each([
    ['no phone', (r: any) => (r.phone = ''), 'MissingPhone', 'biz_content.phone: missing'],
    ['empty out_job_no', (r: any) => (r.out_job_no = ''), 'MissingJobCode', 'biz_content.out_job_no: empty'],
    ['a zoned deliver_time', (r: any) => (r.deliver_time = '2026-11-25T09:31:07+08:00'), 'InvalidPayload', 'biz_content.deliver_time'],
    ['sex 3', (r: any) => (r.sex = 3), 'InvalidPayload', 'biz_content.sex: must be 0, 1 or 2'],
    ['is_student "yes"', (r: any) => (r.is_student = 'yes'), 'InvalidPayload', 'biz_content.is_student'],
    ['birth_year 99', (r: any) => (r.birth_year = 99), 'InvalidPayload', 'biz_content.birth_year'],
  ])('%s → invalid, naming the field', (_what, change, code, message) => {
    const r = jianzhimaoExample();
    change(r);
    const err = invalid(() => normaliseJianzhimaoResume('demo', r, 'biz_content'));
    expect(err.code).toBe(code);
    expect(err.message).toContain(message);
  });

  it('webhook form fields: deliver, cancel, and biz_content that is not JSON', () => {
    const deliver = parseJianzhimaoWebhook('demo', { event_type: 'resume_deliver', biz_content: JSON.stringify(jianzhimaoExample()) });
    expect(deliver.ok && deliver.delivery.kind).toBe('application');
    const cancel = parseJianzhimaoWebhook('demo', { event_type: 'resume_cancel', biz_content: JSON.stringify({ resume_id: 'JZM1', cancel_time: '2026-11-25 10:00:00' }) });
    expect(cancel).toEqual({ ok: true, delivery: { kind: 'withdrawal', tenantId: 'demo', board: 'jianzhimao', applicationId: 'JZM1', at: '2026-11-25T02:00:00.000Z' } });
    const bad = parseJianzhimaoWebhook('demo', { event_type: 'resume_deliver', biz_content: '{resume' });
    expect(!bad.ok && bad.error.code).toBe('InvalidJson');
    expect(!bad.ok && bad.error.message).toContain('biz_content');
  });
});

describe('CSV exports', () => {
  const header = ['投递编号', '姓名', '手机号', '性别', '出生日期', '城市', '职位编号', '投递时间', '是否学生', '健康证', '期望薪资', '可工作时间', '自我介绍'];

  it('decodes UTF-8 with and without BOM, UTF-16LE with BOM, and GBK', () => {
    const text = '姓名,手机号\n张三,13800138000\n';
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual({ text, encoding: 'utf-16le' });
    // 姓名 in GBK is D0D5 C3FB: fixed bytes, not produced by the decoder's own library.
    expect(decodeCsv(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]))).toEqual({ text: '姓名', encoding: 'gb18030' });
    expect(decodeCsv(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030' });
  });

  it('maps the headers and names the missing required columns', () => {
    expect(mapCsvHeader('doumi', header)).toMatchObject({ applicationId: 0, name: 1, mobile: 2, jobCode: 6, appliedAt: 7 });
    const err = invalid(() => mapCsvHeader('jianzhimao', ['姓名', '手机号']));
    expect(err.message).toContain('简历编号 (applicationId)');
    expect(err.message).toContain('投递时间 (appliedAt)');
  });

  it('normalises a row, and lists every bad cell with its row number', () => {
    const { rows } = readCsvRows(`${header.join(',')}\nDM-1,张三,138 0013 8000,男,2003/4/1,上海,RX-SH-PROMO-001,2026-11-25 09:30:00,是,有,200元/天,周末,"会沟通, 能吃苦"\n`);
    const cells = Object.fromEntries(header.map((h, i) => [h, rows[0]!.cells[i] ?? '']));
    const { application, notes } = normaliseCsvRow('demo', { board: 'doumi', row: rows[0]!.row, cells });
    expect(application).toMatchObject({
      board: 'doumi',
      applicationId: 'DM-1',
      appliedAt: '2026-11-25T01:30:00.000Z',
      candidate: { phoneE164: '+8613800138000', gender: 'MALE', birthYear: 2003, isStudent: true, hasHealthCertificate: true, expectedHourlyWage: 25, selfIntroduction: '会沟通, 能吃苦' },
    });
    expect(notes).toEqual([]);
    const err = invalid(() => normaliseCsvRow('demo', { board: 'doumi', row: 7, cells: { ...cells, 手机号: '', 性别: '?', 投递时间: 'soon' } }));
    expect(err.code).toBe('MissingPhone');
    expect(err.details?.problems).toEqual([
      'row 7, 手机号: missing; a candidate cannot be contacted without it',
      'row 7, 投递时间: expected Beijing time as YYYY-MM-DD HH:mm:ss',
      'row 7, 性别: expected 男, 女 or 未知',
    ]);
  });
});

describe('data cipher (AES-256-GCM)', () => {
  const key = 'ezo6M5uA8H8/5fAkxjh6QQNR8DQRmkNqX7K5wHDpI9c=';

  it('round-trips, with a fresh IV each time, bound to its context', () => {
    const cipher = new DataCipher(parseDataKey(key));
    const a = cipher.encrypt('张三 13800138000', 'quarantine:demo:doumi');
    const b = cipher.encrypt('张三 13800138000', 'quarantine:demo:doumi');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13800138000');
    expect(cipher.decrypt(a, 'quarantine:demo:doumi').toString('utf8')).toBe('张三 13800138000');
    expect(() => cipher.decrypt(a, 'quarantine:other:doumi')).toThrow(/failed authentication/);
    const tampered = a.slice(0, -4) + (a.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => cipher.decrypt(tampered, 'quarantine:demo:doumi')).toThrow(HubError);
  });

  it('refuses another key by its fingerprint, and malformed keys', () => {
    const sealed = new DataCipher(parseDataKey(key)).encrypt('x', 'c');
    const other = new DataCipher(parseDataKey('00'.repeat(32)));
    expect(() => other.decrypt(sealed, 'c')).toThrow(/sealed with data key/);
    expect(() => parseDataKey('too-short')).toThrow(/32 bytes/);
  });
});
