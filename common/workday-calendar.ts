// The working-day calendar that deadlines are counted on. An interface, so deadline arithmetic
// stays pure and tests can hand in a calendar of their own.

/** A calendar date written `YYYY-MM-DD`, read as a day in Beijing (Asia/Shanghai). */
export type CalendarDate = string;

export interface WorkdayCalendar {
  /**
   * Whether people work on this Beijing calendar day (public holidays are off, 调休 make-up
   * days are on). Throws for a year the calendar has no data for, rather than guessing.
   */
  isWorkday(date: CalendarDate): boolean;
  /** The first and last year the calendar can answer for. */
  coveredYears(): { first: number; last: number };
}
