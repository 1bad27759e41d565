// Knock-out rules of a job (age, city, availability, health certificate, wage): the reasons an
// application is rejected before any interview. Pure, so the prescreen activity stays thin.
// Reasons name the rule, never the candidate's own value (they end up in history and audit).
import { readAvailabilityText } from './availability-text';
import type { JobConfig } from './config-schema';
import type { CanonicalApplication } from './types';

/** Cities are compared without the administrative suffix: 上海市 and 上海 are the same place. */
function normaliseCity(city: string): string {
  return city.trim().replace(/(市|地区|自治州|盟)$/u, '');
}

/**
 * The weekdays the candidate offers: the structured slots when the board sent them, else the free
 * text read into weekdays (Jianzhimao's work_time_prefer, CSV exports). Null when neither says:
 * availability that cannot be read lets the candidate through, as an unknown city does.
 */
function offeredWeekdays(c: CanonicalApplication['candidate']): Set<number> | null {
  if (c.availability.length > 0) return new Set(c.availability.map((slot) => slot.weekday));
  const read = readAvailabilityText(c.availabilityText);
  return read.weekdays ? new Set(read.weekdays) : null;
}

export function evaluatePrescreen(app: CanonicalApplication, rules: JobConfig['prescreen'], today: Date): string[] {
  const reasons: string[] = [];
  const c = app.candidate;
  if (c.birthYear !== null) {
    // Age by birth year only (boards rarely send a full date): the age reached this year.
    const age = today.getUTCFullYear() - c.birthYear;
    if (rules.minAge !== undefined && age < rules.minAge) reasons.push(`younger than the minimum age ${rules.minAge}`);
    if (rules.maxAge !== undefined && age > rules.maxAge) reasons.push(`older than the maximum age ${rules.maxAge}`);
  }
  if (rules.cities && c.city !== null) {
    const accepted = rules.cities.map(normaliseCity);
    if (!accepted.includes(normaliseCity(c.city))) reasons.push(`city is not one of ${rules.cities.join(', ')}`);
  }
  if (rules.requireHealthCertificate && c.hasHealthCertificate === false) reasons.push('no health certificate');
  if (rules.requiredWeekdays) {
    const offered = offeredWeekdays(c);
    const missing = offered ? rules.requiredWeekdays.filter((d) => !offered.has(d)) : [];
    if (missing.length > 0) reasons.push(`not available on required weekday(s) ${missing.join(', ')}`);
  }
  if (rules.maxExpectedHourlyWage !== undefined && c.expectedHourlyWage !== null && c.expectedHourlyWage > rules.maxExpectedHourlyWage) {
    reasons.push(`expected hourly wage is above ${rules.maxExpectedHourlyWage}`);
  }
  return reasons;
}
