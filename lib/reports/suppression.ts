import { getEnv } from "../env";

// Small-cell suppression: the one rule every figure that crosses organizations passes through, so a
// lead's dashboard never singles out another organization's survivor.
//
// Each figure comes as a Split: its total, and the part of it from the reader's own organization (which
// they see in full anyway). What is protected is the rest, the part from other organizations, and what
// is small is the number of other organizations' PEOPLE in it: a count of records (referrals, matters,
// convictions, hearings) carries, as `people`, the distinct survivors behind its other-organization
// part, so one survivor with 5 referrals is 1 person, not 5.
// - primary: a count whose other-organization part covers 1 to threshold − 1 people is hidden ("fewer
//   than 5"); so is a median or rate taken over 1 to threshold − 1 people of other organizations;
// - complementary: where figures add up to a total (a row of categories and its total), hidden cells
//   must not be worked out from the rest. Sums are equations over the displayed counts (records), so
//   what can be worked out is decided on them; whether what can be worked out is small is decided on
//   people. While the hidden members of a sum whose total is shown add up to 1 to threshold − 1 (in
//   their other-organization records, or in their people), or only one member is hidden, the next
//   smallest member that holds other organizations' people is hidden too, or, when none is left, the
//   total; and a hidden total (hidden for another sum it belongs to) whose members are all shown gets
//   one of them hidden, since it is their sum.
// A zero is shown: it singles no one out.
//
// Known limits (what suppression here does not stop):
// - the dashboard's referral and matter queries do not yet supply `people` (counting distinct survivors
//   per grouping set made the partnership dashboard 1.7-1.9 s at 100,000 survivors instead of ~185 ms;
//   tests/perf/dashboard.ts): their cells are judged on records, so one survivor's five referrals to a
//   service pass as five. Convictions vacated carry the granted matters as their people;
// - the people behind several hidden cells are taken as the sum of each cell's people, so a survivor
//   counted in two hidden cells (two referrals for two services) counts twice there;
// - differencing across requests: the partnership scope offers only months, quarters and federal fiscal
//   years (lib/reports/schema.ts; custom dates are for the reader's own organization, whose figures are
//   exact anyway), which closes the one-day difference (Jan 1–Mar 31 minus Jan 2–Mar 31). Overlapping
//   standard periods can still be set against each other: a quarter minus two of its months is the
//   third month, which is itself offered and suppressed, but a fiscal year minus its shown quarters, or
//   figures "today" read on different days, are not checked against each other; nor is a county against
//   the statewide figures (statewide minus the other counties) or the partnership against the reader's
//   own scope. Each request is suppressed on its own.

/** A count, and how much of it is the reader's own organization's. */
export type Split = { total: number; own: number };

export type Figure =
  /**
   * a count of people, or of their records (referrals, matters, convictions, hearings): then `people`
   * holds the distinct survivors, `total − own` being those of the other-organization part
   */
  | { id: string; kind: "count"; split: Split; people?: Split }
  /** a median or a rate, over these people */
  | { id: string; kind: "statistic"; people: Split };

/** Figures that add up to another: `members` sum to `total` (null when that total is shown nowhere). */
export type Relation = { members: readonly string[]; total: string | null };

const othersOf = (split: Split) => split.total - split.own;

/** The threshold from the environment (CLEARWAY_SUPPRESSION_THRESHOLD, default 5). */
export function suppressionThreshold(): number {
  return getEnv().suppressionThreshold;
}

/** What a hidden figure shows: "fewer than 5". */
export function fewerThan(threshold: number): string {
  return `fewer than ${threshold}`;
}

/** Why a figure is hidden: it is small itself, or it would let a small one be worked out. */
export type Suppression = "small" | "complementary";

/**
 * The figures whose other-organization part must not be shown (and so neither their partnership
 * total), and why: primary suppression, then complementary suppression until nothing changes.
 */
export function suppress(figures: readonly Figure[], relations: readonly Relation[], threshold: number): Map<string, Suppression> {
  const others = new Map<string, number>();
  const people = new Map<string, number>();
  const hidden = new Map<string, Suppression>();
  const small = (n: number) => n >= 1 && n < threshold;
  for (const f of figures) {
    const n = othersOf(f.kind === "count" ? (f.people ?? f.split) : f.people);
    if (f.kind === "count") {
      others.set(f.id, othersOf(f.split));
      people.set(f.id, n);
    }
    if (small(n)) hidden.set(f.id, "small");
  }
  for (const r of relations) {
    for (const id of [...r.members, ...(r.total ? [r.total] : [])]) {
      if (!others.has(id)) throw new Error(`suppression: relation names ${id}, which is not a count`);
    }
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const r of relations) {
      // A sum whose total is shown nowhere is no equation: nothing can be worked out from it.
      if (r.total === null) continue;
      const hiddenMembers = r.members.filter((id) => hidden.has(id));
      const totalHidden = hidden.has(r.total);
      // Each sum is an equation (total = members). It gives a hidden figure away when that figure is
      // its only unknown (a hidden total whose members are all shown is their sum; so is one hidden
      // member under a shown total), or when the hidden members under a shown total add up to a small
      // number.
      const exposed = totalHidden
        ? hiddenMembers.length === 0
        : hiddenMembers.length === 1 ||
          small(hiddenMembers.reduce((sum, id) => sum + others.get(id)!, 0)) ||
          small(hiddenMembers.reduce((sum, id) => sum + people.get(id)!, 0));
      if (!exposed || (totalHidden && hiddenMembers.length === 0 && others.get(r.total) === 0)) continue;
      const next = r.members
        .filter((id) => !hidden.has(id) && others.get(id)! > 0)
        .sort((a, b) => people.get(a)! - people.get(b)! || others.get(a)! - others.get(b)!)[0];
      const pick = next ?? (totalHidden ? undefined : r.total);
      if (pick === undefined) continue;
      hidden.set(pick, "complementary");
      changed = true;
    }
  }
  return hidden;
}
