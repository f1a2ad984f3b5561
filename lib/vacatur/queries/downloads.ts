import { and, eq } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { survivors } from "../../../db/schema/survivors";
import { users } from "../../../db/schema/users";
import { convictions, matterConvictions, matterHearings } from "../../../db/schema/vacatur";
import { auditActor, recordAudit } from "../../audit/record";
import { assertCan } from "../../auth/policy";
import type { SessionUser } from "../../auth/sessions";
import { AppError } from "../../errors";
import type { RequestMeta } from "../../request-meta";
import { openIdentity } from "../../survivors/identity";
import { isUuid } from "../../validation";
import { loadMatter } from "../access";
import { openConviction } from "./court-records";

// Files that leave Clearway (an .ics hearing, a PDF draft): each checks matterAccess like the page does,
// and each download is audited.

/** One hearing of a matter whose court dates the caller may take to a calendar (the .ics download). */
export async function getHearingForCalendar(me: SessionUser, matterId: string, hearingId: string, meta: RequestMeta | null, db: Db = getDb()) {
  assertCan(me, "matters.view");
  const { row, access } = await loadMatter(db, me, matterId);
  if (!access.can.downloadCalendar || !isUuid(hearingId)) throw new AppError("not_found");
  const [hearing] = await db
    .select()
    .from(matterHearings)
    .where(and(eq(matterHearings.id, hearingId), eq(matterHearings.matterId, row.id)));
  if (!hearing) throw new AppError("not_found");
  const [continuedTo] = hearing.continuedToId
    ? await db.select({ id: matterHearings.id, startsAt: matterHearings.startsAt }).from(matterHearings).where(eq(matterHearings.id, hearing.continuedToId))
    : [];
  const [survivor] = await db.select({ clientCode: survivors.clientCode }).from(survivors).where(eq(survivors.id, row.survivorId));
  await recordAudit(db, { actor: auditActor(me), action: "matter.calendar_exported", target: { type: "vacatur_matter", id: row.id }, meta, details: { hearingId: hearing.id } });
  return { ...hearing, clientCode: survivor?.clientCode ?? "", court: row.filingCourt, continuedTo: continuedTo ?? null };
}

/**
 * The court-document data for one conviction of a matter: caption, names, counts, and the conclusion
 * and route the attorney recorded on it (the draft's statutory basis). Aliases only where the caller's
 * access covers the survivor's identity. Audited.
 */
export async function getDocumentData(me: SessionUser, matterId: string, convictionId: string, form: "petition" | "order", meta: RequestMeta | null, db: Db = getDb()) {
  assertCan(me, "matters.view");
  const { row, access } = await loadMatter(db, me, matterId);
  if (!access.can.generateDocuments || !isUuid(convictionId)) throw new AppError("not_found");
  const [linked] = await db
    .select({ conviction: convictions, conclusion: matterConvictions.conclusion, route: matterConvictions.conclusionRoute })
    .from(matterConvictions)
    .innerJoin(convictions, eq(convictions.id, matterConvictions.convictionId))
    .where(and(eq(matterConvictions.matterId, row.id), eq(matterConvictions.convictionId, convictionId)));
  if (!linked) throw new AppError("not_found");
  const [survivor] = await db.select().from(survivors).where(eq(survivors.id, row.survivorId));
  const conviction = openConviction(linked.conviction);
  const identity = openIdentity(survivor!);
  const [attorney] = row.attorneyId ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.attorneyId)) : [];
  await recordAudit(db, {
    actor: auditActor(me),
    action: "matter.document_generated",
    target: { type: "vacatur_matter", id: row.id },
    meta,
    details: { survivorId: row.survivorId, convictionId, form },
  });
  await recordAudit(db, {
    actor: auditActor(me),
    action: "survivor.exported",
    target: { type: "survivor", id: row.survivorId },
    meta,
    details: { releaseIds: access.releaseIds, matterId: row.id, section: "court_document" },
  });
  return {
    conviction,
    defendantName: identity.legalName ?? survivor!.preferredName,
    aliases: access.categories.has("identity_contact") ? identity.aliases : [],
    conclusion: { conclusion: linked.conclusion, route: linked.route },
    attorneyName: attorney?.name ?? null,
    filedOn: row.filedOn,
  };
}
