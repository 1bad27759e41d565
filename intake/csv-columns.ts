// How a row of a board's CSV export (for tenants without partner API access) becomes the canonical
// application. Each board's contract names its columns (csvColumns: field → header aliases);
// headers are matched after trimming, case-insensitively, by any alias; README "CSV import".
import { z } from 'zod';
import { beijingTimeToUtc, birthYearFromDate, isoWithOffsetToUtc } from '../common/board-times';
import { PayloadProblem, payloadError } from '../common/board-payload';
import { toChinaMobileE164 } from '../common/china-mobile';
import { parseHourlyWage } from '../common/hourly-wage';
import { Gender, type CanonicalApplication } from '../common/types';
import type { DeliveryNote } from '../common/board-delivery';
import type { CsvColumnAliases, CsvField } from '../connectors/board-contract';
import { boardContract, type PartnerBoard } from '../connectors/board-registry';

export type { CsvField };

/** The board's CSV columns: canonical field → headers, the first being what its export writes. */
export const csvColumnsOf = (board: PartnerBoard): CsvColumnAliases => boardContract(board).csvColumns;

const REQUIRED: readonly CsvField[] = ['applicationId', 'name', 'mobile', 'jobCode', 'appliedAt'];

/** Which column index holds each field; throws naming the required headers that are missing. */
export function mapCsvHeader(board: PartnerBoard, header: readonly string[]): Partial<Record<CsvField, number>> {
  const normalised = header.map((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase());
  const map: Partial<Record<CsvField, number>> = {};
  const columns = csvColumnsOf(board);
  for (const [field, aliases] of Object.entries(columns) as Array<[CsvField, readonly string[]]>) {
    const index = normalised.findIndex((h) => aliases.some((a) => a.toLowerCase() === h));
    if (index >= 0) map[field] = index;
  }
  const missing = REQUIRED.filter((f) => map[f] === undefined);
  if (missing.length > 0) {
    const names = missing.map((f) => `${columns[f][0]} (${f})`).join(', ');
    throw payloadError(PayloadProblem.INVALID_PAYLOAD, [`header: missing column(s) ${names}; see README "CSV import" for the columns of a ${board} export`]);
  }
  return map;
}

/** A data row as kept in the quarantine: header → cell, plus where it came from. */
export interface CsvRowPayload {
  board: PartnerBoard;
  row: number;
  cells: Record<string, string>;
}

const YES = /^(是|有|y|yes|true|1|已有|在校)$/i;
const NO = /^(否|无|没有|n|no|false|0|不是|非学生)$/i;

function yesNo(value: string | undefined, column: string, problems: string[]): boolean | null {
  if (value === undefined || value.trim() === '') return null;
  if (YES.test(value.trim())) return true;
  if (NO.test(value.trim())) return false;
  problems.push(`${column}: expected 是/否 (or 有/无, 1/0)`);
  return null;
}

function gender(value: string | undefined, column: string, problems: string[]): Gender {
  const v = (value ?? '').trim().toUpperCase();
  if (v === '' || v === '未知' || v === '0' || v === 'UNKNOWN') return Gender.UNKNOWN;
  if (v === '男' || v === 'M' || v === '1' || v === 'MALE') return Gender.MALE;
  if (v === '女' || v === 'F' || v === '2' || v === 'FEMALE') return Gender.FEMALE;
  problems.push(`${column}: expected 男, 女 or 未知`);
  return Gender.UNKNOWN;
}

function birthYear(value: string | undefined, column: string, problems: string[]): number | null {
  const v = (value ?? '').trim();
  if (v === '' || v === '0') return null;
  if (/^\d{4}$/.test(v) && Number(v) >= 1900 && Number(v) <= 2100) return Number(v);
  const fromDate = birthYearFromDate(v.replace(/\//g, '-').replace(/-(\d)(?=-|$)/g, '-0$1'));
  if (fromDate !== null) return fromDate;
  problems.push(`${column}: expected a year (2003) or a date (2003-04-01)`);
  return null;
}

const ID = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/);

/**
 * One CSV row → CanonicalApplication, or an `invalid` HubError listing every unusable cell by
 * its row number and header (never the value). Times without a zone are Beijing time.
 */
export function normaliseCsvRow(tenantId: string, payload: CsvRowPayload): { application: CanonicalApplication; notes: DeliveryNote[] } {
  const columns = csvColumnsOf(payload.board);
  const problems: string[] = [];
  const cellOf = (field: CsvField): { value: string | undefined; column: string } => {
    const entry = Object.entries(payload.cells).find(([h]) => columns[field].some((a) => a.toLowerCase() === h.replace(/^\uFEFF/, '').trim().toLowerCase()));
    return { value: entry?.[1]?.trim(), column: entry?.[0] ?? columns[field][0] };
  };
  const at = (label: string) => `row ${payload.row}, ${label}`;

  const id = cellOf('applicationId');
  if (!id.value || !ID.safeParse(id.value).success) problems.push(`${at(id.column)}: expected an ID of letters, digits, ".", "_" and "-" (max 128)`);
  const name = cellOf('name');
  if (!name.value) problems.push(`${at(name.column)}: missing`);
  const mobile = cellOf('mobile');
  const phone = toChinaMobileE164(mobile.value ?? '');
  if (!mobile.value) problems.push(`${at(mobile.column)}: missing; a candidate cannot be contacted without it`);
  else if (!phone) problems.push(`${at(mobile.column)}: is not a mainland China mobile number`);
  const job = cellOf('jobCode');
  if (!job.value) problems.push(`${at(job.column)}: missing; the hub maps rows to jobs by it`);
  const applied = cellOf('appliedAt');
  const appliedAt = beijingTimeToUtc(applied.value) ?? isoWithOffsetToUtc(applied.value);
  if (!appliedAt) problems.push(`${at(applied.column)}: expected Beijing time as YYYY-MM-DD HH:mm:ss`);
  const g = cellOf('gender');
  const b = cellOf('birth');
  const s = cellOf('isStudent');
  const h = cellOf('healthCert');
  const cellProblems: string[] = [];
  const candidateGender = gender(g.value, at(g.column), cellProblems);
  const year = birthYear(b.value, at(b.column), cellProblems);
  const isStudent = yesNo(s.value, at(s.column), cellProblems);
  const health = yesNo(h.value, at(h.column), cellProblems);
  problems.push(...cellProblems);

  if (problems.length > 0) {
    const code = !mobile.value ? PayloadProblem.MISSING_PHONE : !phone ? PayloadProblem.INVALID_PHONE : !job.value ? PayloadProblem.MISSING_JOB_CODE : PayloadProblem.INVALID_PAYLOAD;
    throw payloadError(code, problems);
  }
  const wageText = cellOf('wage').value;
  const wage = wageText ? parseHourlyWage(wageText) : null;
  const text = (field: CsvField) => cellOf(field).value || null;
  return {
    application: {
      tenantId,
      board: payload.board,
      applicationId: id.value!,
      jobCode: job.value!,
      appliedAt: appliedAt!,
      candidate: {
        name: name.value!,
        phoneE164: phone!,
        gender: candidateGender,
        birthYear: year,
        city: text('city'),
        isStudent,
        hasHealthCertificate: health,
        availability: [],
        availabilityText: text('availability'),
        expectedHourlyWage: wage?.hourly ?? null,
        selfIntroduction: text('intro'),
      },
    },
    notes: wage && wage.hourly === null ? [{ field: 'wage', reason: wage.reason }] : [],
  };
}
