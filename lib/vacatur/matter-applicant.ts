import { getDb, type Db } from "../../db/client";
import { vacaturMatters } from "../../db/schema/vacatur";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import type { RequestMeta } from "../request-meta";
import { addSurvivorEvent } from "../survivors/commands";
import { parseInput } from "../validation";
import { writeVersioned } from "../versioned-write";
import { loadMatter } from "./access";
import { assertOpen, MATTER_NOUN, matterAudit } from "./matter-writes";
import { recordApplicantSchema, type RecordApplicantInput } from "./schema";

// Who applies on a matter: the survivor (Clearway's usual petition), or a family member applying for a
// survivor who died as a victim of homicide, to vacate their prostitution conviction (RCW 9.96.060(7)).
// The screen shows that route only when this is recorded. The survivor's side and the assigned attorney
// record it (matterAccess: recordApplicant); versioned, audited with field names only, told on the timeline.

export async function recordApplicant(me: SessionUser, input: RecordApplicantInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "matters.view");
  const data = parseInput(recordApplicantSchema, input);
  return db.transaction(async (tx) => {
    const { row } = await loadMatter(tx, me, data.id, { forUpdate: true, need: "recordApplicant" });
    assertOpen(row);
    const changed = row.homicideFamilyApplicant !== data.homicideFamilyApplicant;
    const { version } = await writeVersioned(tx, vacaturMatters, {
      noun: MATTER_NOUN,
      current: row,
      expectedVersion: data.version,
      actor: me,
      changes: changed ? { homicideFamilyApplicant: data.homicideFamilyApplicant, lastActivityAt: new Date() } : null,
      audit: matterAudit(row, "matter.applicant_recorded", { fields: ["homicideFamilyApplicant"] }, meta),
      after: () => addSurvivorEvent(tx, row.survivorId, "matter_applicant_recorded", me.id, { matterId: row.id, homicideFamilyApplicant: data.homicideFamilyApplicant }),
    });
    return { version };
  });
}
