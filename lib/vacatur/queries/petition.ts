import { sql, type SQL } from "drizzle-orm";
import { matterConvictions, type ConvictionRow } from "../../../db/schema/vacatur";
import { openConviction } from "./court-records";

// What service of a vacatur petition tells the prosecuting office about the convictions it asks to
// vacate (matterAccess see.petition): the original court and case number and each count's offense and
// citation, as the petition states them. Nothing else of the record: no dates, sentence, obligations,
// screens or conclusions, which only a release to the office opens.

export type PetitionedConviction = {
  id: string;
  courtName: string;
  caseNumber: string;
  counts: { count: number; offense: string; citation: string }[];
};

export function petitionedConviction(row: ConvictionRow): PetitionedConviction {
  const { id, courtName, caseNumber, counts } = openConviction(row);
  return { id, courtName, caseNumber, counts: counts.map(({ count, offense, citation }) => ({ count, offense, citation })) };
}

/**
 * Which of a matter's convictions its petition asks to vacate: all of them except any the attorney
 * concluded is not eligible (no petition pleads those). A conviction still being screened is counted, so a
 * filed petition never shows the office less than it was served with.
 */
export function isPetitioned(link: { conclusion: string | null }): boolean {
  return link.conclusion !== "not_eligible";
}

/** isPetitioned, for SQL over matter_convictions. */
export const petitionedInSql: SQL = sql`${matterConvictions.conclusion} is distinct from 'not_eligible'`;
