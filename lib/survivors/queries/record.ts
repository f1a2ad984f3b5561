import { asc, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { organizations } from "../../../db/schema/organizations";
import { survivorShares, type Demographics, type SafeContactPlan } from "../../../db/schema/survivors";
import { users } from "../../../db/schema/users";
import type { AuditAction } from "../../audit/actions";
import { auditActor, recordAudit } from "../../audit/record";
import { assertCan } from "../../auth/policy";
import type { SessionUser } from "../../auth/sessions";
import type { ReleaseCategory } from "../../releases/constants";
import { listReleasesOf, type ReleaseItem } from "../../releases/queries";
import type { RequestMeta } from "../../request-meta";
import { loadSurvivor, type SurvivorAccess } from "../access";
import type { ReferralSource, SurvivorStatus } from "../constants";
import { openIdentity, type IdentityDetails } from "../identity";
import type { AdvocateOption } from "./caseload";
import { loadSharedNotes, loadTimeline, type NoteItem, type TimelineItem } from "./notes";

// One survivor's record, cut to the caller's access (survivorAccess), and the audit event of each view.

type SurvivorPage = {
  id: string;
  clientCode: string;
  access: { kind: SurvivorAccess["kind"]; manage: boolean; categories: ReleaseCategory[]; canSeeAccessLog: boolean };
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
  preferredName: string | null;
  pronouns: string | null;
  safeContact: (SafeContactPlan & { codeWord: string | null; doNotContact: string | null; languages: string[]; interpreterNeeded: boolean }) | null;
  identity: (Omit<IdentityDetails, "codeWord" | "doNotContact"> & { acpParticipant: boolean }) | null;
  summary: {
    status: SurvivorStatus;
    closedReason: string | null;
    statusChangedAt: Date;
    county: string | null;
    intakeDate: string;
    referralSource: ReferralSource | null;
    victimizationTypes: string[];
    demographics: Demographics;
    organizationId: string;
    assignedAdvocateId: string;
    assignedAdvocateName: string;
    sharedWith: AdvocateOption[];
  } | null;
  organizationName: string;
  releases: ReleaseItem[];
  /** notes shown outside the timeline: to release recipients with the case-notes category */
  sharedNotes: NoteItem[];
  timeline: TimelineItem[];
  timelineNextBefore: number | null;
};

/**
 * Everything the survivor page shows, cut to the caller's access, and the audit event of this view
 * (survivor.viewed for the owning organization, survivor.disclosed naming the releases relied on
 * for anyone else).
 */
export function getSurvivorPage(
  me: SessionUser,
  id: string,
  meta: RequestMeta | null,
  options: { timelineBefore?: number } = {},
  db: Db = getDb(),
): Promise<SurvivorPage> {
  // The read and the audit of it in one transaction: no view is shown without its event, and no event
  // stands for a view that failed.
  return db.transaction((tx) => readSurvivorPage(me, id, meta, options, tx));
}

async function readSurvivorPage(me: SessionUser, id: string, meta: RequestMeta | null, options: { timelineBefore?: number }, db: Db): Promise<SurvivorPage> {
  assertCan(me, "survivors.view");
  const { row, access } = await loadSurvivor(db, me, id);
  const sees = (category: ReleaseCategory) => access.categories.has(category);
  const identity = sees("identity_contact") ? openIdentity(row) : null;
  const owner = access.manage;

  const [[names], releaseItems, sharedWith] = await Promise.all([
    db
      .select({
        organizationName: organizations.name,
        advocateName: sql<string>`(select u.name from users u where u.id = ${row.assignedAdvocateId})`,
        updatedByName: sql<string | null>`(select u.name from users u where u.id = ${row.updatedBy})`,
      })
      .from(organizations)
      .where(eq(organizations.id, row.organizationId)),
    owner ? listReleasesOf(db, row.id) : Promise.resolve([]),
    owner
      ? db
          .select({ id: users.id, name: users.name })
          .from(survivorShares)
          .innerJoin(users, eq(users.id, survivorShares.userId))
          .where(eq(survivorShares.survivorId, row.id))
          .orderBy(asc(users.name))
      : Promise.resolve([]),
  ]);

  const timeline = owner ? await loadTimeline(db, me, access, row.id, options.timelineBefore) : { items: [], nextBefore: null };
  const sharedNotes = !owner && sees("case_notes") ? await loadSharedNotes(db, me, access, row.id) : [];

  const categories = [...access.categories];
  if (access.kind === "release") {
    await recordView(db, me, "survivor.disclosed", row.id, meta, { releaseIds: access.releaseIds });
  } else {
    await recordView(db, me, "survivor.viewed", row.id, meta, { access: access.kind });
  }

  return {
    id: row.id,
    clientCode: row.clientCode,
    access: { kind: access.kind, manage: access.manage, categories, canSeeAccessLog: access.canSeeAccessLog },
    version: row.version,
    updatedAt: row.updatedAt,
    updatedByName: names?.updatedByName ?? null,
    preferredName: identity || owner ? row.preferredName : null,
    pronouns: identity || owner ? row.pronouns : null,
    safeContact: identity
      ? {
          ...row.safeContact,
          codeWord: identity.codeWord,
          doNotContact: identity.doNotContact,
          languages: row.languages,
          interpreterNeeded: row.interpreterNeeded,
        }
      : null,
    identity: identity
      ? {
          legalName: identity.legalName,
          aliases: identity.aliases,
          dateOfBirth: identity.dateOfBirth,
          phone: identity.phone,
          email: identity.email,
          address: identity.address,
          acpParticipant: row.acpParticipant,
        }
      : null,
    summary: owner
      ? {
          status: row.status,
          closedReason: row.closedReason,
          statusChangedAt: row.statusChangedAt,
          county: row.county,
          intakeDate: row.intakeDate,
          referralSource: row.referralSource,
          victimizationTypes: row.victimizationTypes,
          demographics: row.demographics,
          organizationId: row.organizationId,
          assignedAdvocateId: row.assignedAdvocateId,
          assignedAdvocateName: names?.advocateName ?? "",
          sharedWith,
        }
      : null,
    organizationName: names?.organizationName ?? "",
    releases: releaseItems,
    sharedNotes,
    timeline: timeline.items,
    timelineNextBefore: timeline.nextBefore,
  };
}

async function recordView(db: Db, me: SessionUser, action: AuditAction, survivorId: string, meta: RequestMeta | null, details: Record<string, unknown>) {
  await recordAudit(db, { actor: auditActor(me), action, target: { type: "survivor", id: survivorId }, meta, details });
}

/** The edit form's values (decrypted), for those who manage the record; audited as a view. */
export function getSurvivorForEdit(me: SessionUser, id: string, meta: RequestMeta | null, db: Db = getDb()) {
  return db.transaction((tx) => readSurvivorForEdit(me, id, meta, tx));
}

async function readSurvivorForEdit(me: SessionUser, id: string, meta: RequestMeta | null, db: Db) {
  assertCan(me, "survivors.manage");
  const { row } = await loadSurvivor(db, me, id, { manage: true });
  const identity = openIdentity(row);
  await recordView(db, me, "survivor.viewed", row.id, meta, { access: "edit" });
  return {
    id: row.id,
    version: row.version,
    clientCode: row.clientCode,
    preferredName: row.preferredName,
    pronouns: row.pronouns ?? "",
    legalName: identity.legalName ?? "",
    aliases: identity.aliases.join("\n"),
    dateOfBirth: identity.dateOfBirth ?? "",
    phone: identity.phone ?? "",
    email: identity.email ?? "",
    address: identity.address ?? "",
    acpParticipant: row.acpParticipant,
    county: row.county ?? "",
    languages: row.languages.join(", "),
    interpreterNeeded: row.interpreterNeeded,
    referralSource: row.referralSource ?? "",
    victimizationTypes: row.victimizationTypes,
    genderIdentity: row.demographics.genderIdentity,
    raceEthnicity: row.demographics.raceEthnicity,
    ageBand: row.demographics.ageBand,
    contactChannels: row.safeContact.channels,
    safeTimes: row.safeContact.safeTimes ?? "",
    mayIdentifyAgency: row.safeContact.mayIdentifyAgency,
    codeWord: identity.codeWord ?? "",
    doNotContact: identity.doNotContact ?? "",
  };
}

/** Code and name for the heading of a form about a survivor the caller manages (no details, so no view event). */
export async function getSurvivorHeading(me: SessionUser, id: string, db: Db = getDb()): Promise<{ id: string; clientCode: string; preferredName: string }> {
  assertCan(me, "survivors.manage");
  const { row } = await loadSurvivor(db, me, id, { manage: true });
  return { id: row.id, clientCode: row.clientCode, preferredName: row.preferredName };
}
