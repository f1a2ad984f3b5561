// The one money module: every amount in the fee work is a whole number of cents, so sums are exact and
// a split always adds back up to what was split. Dollars appear only at the edges (a form's text, a
// judgment's words, a CSV cell).

/** Whole cents. Negative amounts are corrections (a reversal or refund). */
export type Cents = number;

/** Throws unless `n` is whole cents: a safe integer (negatives allowed, for corrections). */
export function assertCents(n: unknown): asserts n is Cents {
  // The amount stays out of the message: errors get logged, and a log is no place for case figures.
  if (typeof n !== "number" || !Number.isSafeInteger(n)) throw new RangeError("An amount must be a whole number of cents.");
}

// "1500", "1,500", "$1,500.00", ".50": thousands separators only in groups of three, at most two decimals.
const DOLLARS = /^\$?\s*(?:(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?|\.(\d{1,2}))$/;

/**
 * Dollars typed into a form, as cents: "1500", "1,500", "$1,500.00", "833.33", " 50 ". Null for anything
 * else — empty text, letters, a minus sign, more than two decimals, misplaced commas, or an amount too
 * large to count exactly. Fees are never negative on a form; corrections are recorded as reversals.
 */
export function parseDollars(text: string): Cents | null {
  const match = DOLLARS.exec(text.trim());
  if (!match) return null;
  const whole = (match[1] ?? "0").replaceAll(",", "");
  const fraction = (match[2] ?? match[3] ?? "").padEnd(2, "0");
  // BigInt, so a long run of digits is not rounded before the safe-integer check sees it.
  const cents = BigInt(whole) * 100n + BigInt(fraction);
  return cents <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(cents) : null;
}

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

// Integer arithmetic rather than cents / 100: a float cannot hold every cent of a very large amount.
function dollarsAndCents(cents: Cents): { sign: "" | "-"; dollars: number; rest: string } {
  assertCents(cents);
  const magnitude = Math.abs(cents);
  return { sign: cents < 0 ? "-" : "", dollars: Math.floor(magnitude / 100), rest: String(magnitude % 100).padStart(2, "0") };
}

/** Cents for people to read: "$1,500.00", "-$12.05". */
export function formatCents(cents: Cents): string {
  const { sign, dollars, rest } = dollarsAndCents(cents);
  return `${sign}$${grouped.format(dollars)}.${rest}`;
}

/** Cents for a spreadsheet cell: "1500.00", "-12.05" (no symbol or separators, so a column adds up). */
export function centsAsDecimal(cents: Cents): string {
  const { sign, dollars, rest } = dollarsAndCents(cents);
  return `${sign}${dollars}.${rest}`;
}

/** A whole of 10,000 basis points: 100%. */
export const BASIS_POINTS_WHOLE = 10_000;

/**
 * Splits an amount into parts by basis points (hundredths of a percent), exactly.
 *
 * The rounding rule, the project's written rule for every split of fee money:
 * 1. The basis points must be whole numbers, none negative, adding up to exactly 10,000 (100%).
 * 2. Each part first gets its share rounded down to the cent: floor(total × basis points ÷ 10,000),
 *    computed in integers that cannot lose precision.
 * 3. The cents left over — always fewer than the number of parts — go one each to the parts whose
 *    rounded-down share lost the most (the largest remainders). When remainders tie, the part listed
 *    first gets the cent; so a policy that lists prevention first gives prevention a tied cent.
 * 4. A negative total (a refund or correction) splits as the exact negation of the split of its
 *    absolute value, so reversing a payment reverses each part of it.
 * The parts always add up to the total, and no part is a cent or more away from its exact share.
 */
export function splitCents<K extends string>(total: Cents, parts: readonly { key: K; basisPoints: number }[]): { key: K; cents: Cents }[] {
  assertCents(total);
  let sum = 0;
  for (const part of parts) {
    if (!Number.isInteger(part.basisPoints) || part.basisPoints < 0) throw new RangeError("Basis points must be whole numbers, none negative.");
    sum += part.basisPoints;
  }
  if (sum !== BASIS_POINTS_WHOLE) throw new RangeError("Basis points must add up to exactly 10,000 (100%).");

  const magnitude = BigInt(Math.abs(total));
  const whole = BigInt(BASIS_POINTS_WHOLE);
  const shares = parts.map((part, index) => {
    const exact = magnitude * BigInt(part.basisPoints);
    return { index, cents: exact / whole, remainder: exact % whole };
  });
  let left = magnitude - shares.reduce((acc, share) => acc + share.cents, 0n);
  // Stable order: largest remainder first, then the order the parts were listed in.
  const byRemainder = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const share of byRemainder) {
    if (left === 0n) break;
    share.cents += 1n;
    left -= 1n;
  }
  return parts.map((part, index) => {
    const cents = Number(shares[index]!.cents);
    return { key: part.key, cents: total < 0 && cents !== 0 ? -cents : cents };
  });
}

/** A rate or share, numerator ÷ denominator; null when there is nothing to divide by. */
export function shareOf(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
