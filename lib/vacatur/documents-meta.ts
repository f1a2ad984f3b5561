import type { ConvictionCount } from "../../db/schema/vacatur";

// Which Washington pattern forms a conviction's draft follows (DOMAIN.md §2.1). Revisions are the
// ones inventoried there; VERIFY against courts.wa.gov before relying on them.
export const PATTERN_FORMS = {
  misdemeanor: {
    petition: { number: "CrRLJ 09.0100", revision: "01/2022", title: "Petition and Declaration for Order Vacating Conviction", footer: "RCW 9.96.060, .080 Petition and Declaration" },
    order: { number: "CrRLJ 09.0200", revision: "01/2022", title: "Order on Petition to Vacate Conviction", footer: "RCW 9.96.060, .080 Order on Petition" },
  },
  felony: {
    petition: { number: "CR 08.0900", revision: "07/2025", title: "Motion and Declaration for Order Vacating Record of Felony Conviction", footer: "RCW 9.94A.640, .648 Motion and Declaration" },
    order: { number: "CR 08.0920", revision: "07/2025", title: "Order re Vacating Record of Felony Conviction", footer: "RCW 9.94A.640, .648 Order" },
  },
} as const;

/** Misdemeanor and gross-misdemeanor cases use the CrRLJ forms; a case with any felony count, the CR forms. */
export function isCrRLJ(counts: readonly Pick<ConvictionCount, "offenseClass">[]): boolean {
  return counts.every((c) => c.offenseClass === "misdemeanor" || c.offenseClass === "gross_misdemeanor");
}
