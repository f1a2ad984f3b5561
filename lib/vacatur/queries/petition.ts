import type { ConvictionRow } from "../../../db/schema/vacatur";
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
