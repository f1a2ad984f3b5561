// The one date rule for every look-back and waiting period the vacatur statutes set ("less than three
// years have passed since", "in the five years prior to the vacation application"). Pure, unit-tested at
// the day before, the day of and the day after each boundary (tests/unit/vacatur-dates.test.ts).
//
// The rule: N years have passed since a date D from the same month and day N years later. A period that
// starts on February 29 ends, in a year without one, on March 1, not February 28: the statutes count whole
// years, and on February 28 the last of them has not yet run out by every reading, so the screen never names
// a day on which the test may still be unmet. A look-back is the same rule seen from the other end: a
// conviction on D falls "in the N years prior to" an application on A until N years have passed since D, so
// a conviction exactly N years before the application no longer counts.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** The first day on which `years` whole years have passed since `date` (both "yyyy-MM-dd"). */
export function yearsAfter(date: string, years: number): string {
  const match = ISO_DATE.exec(date);
  if (!match) throw new Error("yearsAfter needs a yyyy-MM-dd date");
  const year = Number(match[1]) + years;
  const month = Number(match[2]);
  const day = Number(match[3]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month === 2 && day === 29 && !leap) return `${pad(year, 4)}-03-01`;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Whether `years` whole years have passed since `since` on `asOf`. */
export function yearsHavePassed(since: string, years: number, asOf: string): boolean {
  return yearsAfter(since, years) <= asOf;
}

/** Whether an event on `date` falls in the `years` years before an application on `asOf` (one rule with yearsAfter). */
export function withinYearsBefore(date: string, years: number, asOf: string): boolean {
  return date <= asOf && !yearsHavePassed(date, years, asOf);
}
