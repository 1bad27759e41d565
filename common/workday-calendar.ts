// The working-day calendar that deadlines are counted on. An interface, so deadline arithmetic
// stays pure and tests can hand in a calendar of their own.

/** A calendar date written `YYYY-MM-DD`, read as a day in Beijing (Asia/Shanghai). */
export type CalendarDate = string;

export interface WorkdayCalendar {
  /**
   * Whether people work on this Beijing calendar day (public holidays are off, 调休 make-up
   * days are on). Throws for a day the calendar cannot answer for at all, rather than guessing.
   */
  isWorkday(date: CalendarDate): boolean;
  /**
   * Whether the answer for this day is provisional: given by a rule while the official schedule
   * is not known, so it may still change. Provisional days are never followed by official ones:
   * every day from `provisionalFrom()` on is provisional, every day before it official.
   */
  isProvisional(date: CalendarDate): boolean;
  /** The first provisional day, or null when every day the calendar answers for is official. */
  provisionalFrom(): CalendarDate | null;
  /** The first and last year of the calendar's official data. */
  coveredYears(): { first: number; last: number };
}
