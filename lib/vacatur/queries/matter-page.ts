import { aliasedTable, and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { organizations } from "../../../db/schema/organizations";
import { survivorEvents, survivors, type SafeContactPlan } from "../../../db/schema/survivors";
import { users } from "../../../db/schema/users";
import {
  convictions,
  matterConvictions,
  matterNotes,
  matterTasks,
  postOrderChecks,
  prosecutorCommunications,
} from "../../../db/schema/vacatur";
import { auditActor, recordAudit } from "../../audit/record";
import { assertCan } from "../../auth/policy";
import type { SessionUser } from "../../auth/sessions";
import { decryptField } from "../../crypto/fields";
import { AppError } from "../../errors";
import { pacificToday } from "../../format";
import type { ReleaseCategory } from "../../releases/constants";
import type { LiveReleases } from "../../releases/rules";
import type { RequestMeta } from "../../request-meta";
import { openIdentity } from "../../survivors/identity";
import { loadMatter, organizationsReleasedForMatter, suspensionSentence, type MatterAccess, type MatterSide, type MatterStanding } from "../access";
import type { MatterStatus, PostOrderStep } from "../constants";
import { availableMatterActions, type MatterTransition } from "../machine";
import type { ConvictionScreen } from "../rules/screen";
import { openConviction, recordsOf, screenAll, type ConvictionItem } from "./court-records";
import type { Deadline } from "../deadlines";
import { openMatterCounts, type AttorneyChoice } from "./attorney-load";
import { matterDeadlines } from "./deadlines";
import { matterHearingsOf, type MatterHearing } from "./hearings";
import { getMatterHours, type MatterHoursEntry } from "./hours";
import { isPetitioned, petitionedConviction, type PetitionedConviction } from "./petition";

// The matter page: every section is read only when matterAccess says the caller sees it, so what
// reaches the page is exactly what the access allows (a suspended matter carries none of the
// survivor's agency's data to the legal side).

type MatterConvictionItem = ConvictionItem & {
  screen: ConvictionScreen | null;
  conclusion: { conclusion: string; route: string | null; note: string | null; byName: string | null; at: Date; rulesetVersion: string | null } | null;
};

type MatterContact = {
  safeContact: SafeContactPlan & { codeWord: string | null; doNotContact: string | null; languages: string[]; interpreterNeeded: boolean };
  identity: { legalName: string | null; phone: string | null; email: string | null; address: string | null; acpParticipant: boolean };
};

type MatterPage = {
  id: string;
  version: number;
  /** the applicant is a family member applying for a survivor who died as a victim of homicide (RCW 9.96.060(7)) */
  homicideFamilyApplicant: boolean;
  side: MatterSide;
  standing: MatterStanding;
  see: MatterAccess["see"];
  can: MatterAccess["can"];
  /** why the legal organization's work is suspended (shown to the survivor's side and the legal side) */
  suspension: string | null;
  status: MatterStatus;
  statusNote: string | null;
  statusChangedAt: Date;
  lastActivityAt: Date;
  survivor: { id: string; clientCode: string; preferredName: string | null; legalName: string | null; aliases: string[] };
  /** the safe-contact plan, then the contact details: for those a release lets reach the survivor */
  contact: MatterContact | null;
  categories: ReleaseCategory[];
  legalOrganization: { id: string; name: string } | null;
  attorney: { id: string; name: string } | null;
  conflictStatus: "pending" | "cleared" | null;
  conflictAttestedAt: Date | null;
  revisitOn: string | null;
  blocker: string | null;
  filing: { filedOn: string; court: string | null; caseNumber: string | null } | null;
  order: { orderOn: string; counts: string[] } | null;
  prosecutor: {
    office: { id: string; name: string } | null;
    noticeOn: string | null;
    noticeMethod: string | null;
    noticeGivenBy: string | null;
    position: string;
    positionRecordedAt: Date | null;
    communications: { id: string; occurredOn: string; channel: string; summary: string; authorName: string; organizationName: string }[];
  } | null;
  /** courts and offices named on the matter, shown before the conflict check so the attorney can run it */
  conflictCheck: { courts: string[]; offices: string[] } | null;
  convictions: MatterConvictionItem[];
  /** the counts petitioned, as served on the prosecuting office (see.petition); for those who do not see the convictions themselves */
  petitioned: PetitionedConviction[] | null;
  hearings: MatterHearing[];
  /** open obligations with due dates, soonest first (lib/vacatur/deadlines.ts) */
  deadlines: Deadline[];
  tasks: { id: string; kind: string; dueOn: string; completedAt: Date | null }[];
  checklist: { step: PostOrderStep; doneOn: string; byName: string; note: string | null }[];
  hours: { entries: MatterHoursEntry[]; totalHundredths: number } | null;
  notes: { id: string; body: string; authorName: string; createdAt: Date }[] | null;
  history: { id: number; kind: string; occurredAt: Date; actorName: string | null; details: Record<string, unknown> }[];
  actions: MatterTransition[];
  ownerActions: MatterTransition[];
  countKeys: { key: string; label: string }[];
  attorneyOptions: AttorneyChoice[];
  prosecutorOfficeOptions: { id: string; name: string }[];
};

const none = <T,>(): Promise<T[]> => Promise.resolve([]);

/** Everything the matter page shows, cut to what matterAccess lets the caller see. Audited as a view (and as a disclosure of released survivor fields). */
export function getMatterPage(me: SessionUser, id: string, meta: RequestMeta | null, db: Db = getDb()): Promise<MatterPage> {
  // The read and the audit of it (matter.viewed, survivor.disclosed) in one transaction.
  return db.transaction((tx) => readMatterPage(me, id, meta, tx));
}

async function readMatterPage(me: SessionUser, id: string, meta: RequestMeta | null, db: Db): Promise<MatterPage> {
  assertCan(me, "matters.view");
  const { row, access, releases } = await loadMatter(db, me, id);
  const { see, can } = access;
  const sees = (c: ReleaseCategory) => access.categories.has(c);

  const [[survivor], [legal], [attorney], [office]] = await Promise.all([
    db.select().from(survivors).where(eq(survivors.id, row.survivorId)),
    row.legalOrganizationId ? db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, row.legalOrganizationId)) : none<{ id: string; name: string }>(),
    row.attorneyId ? db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, row.attorneyId)) : none<{ id: string; name: string }>(),
    see.court && row.prosecutorOfficeId ? db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, row.prosecutorOfficeId)) : none<{ id: string; name: string }>(),
  ]);
  if (!survivor) throw new AppError("not_found");
  // The survivor's own organization reads identity on the survivor's record; here it is for the legal side.
  const identity = see.conflictCheck || (see.contact && access.side !== "owner" && sees("identity_contact")) ? openIdentity(survivor) : null;

  const linked =
    see.convictions || see.conflictCheck || see.petition
      ? await db
          .select({ conviction: convictions, link: matterConvictions, byName: users.name })
          .from(matterConvictions)
          .innerJoin(convictions, eq(convictions.id, matterConvictions.convictionId))
          .leftJoin(users, eq(users.id, matterConvictions.concludedBy))
          .where(eq(matterConvictions.matterId, row.id))
          .orderBy(asc(convictions.dispositionDate))
      : [];

  let matterConvictionItems: MatterConvictionItem[] = [];
  if (see.convictions) {
    const records = see.screens ? await recordsOf(db, survivor.id) : null;
    const pastDrafting = !["referred", "screening", "records_requested", "ineligible_now", "drafting", "survivor_review"].includes(row.status);
    const screens = records ? screenAll(survivor, records, pacificToday(), pastDrafting || null, row.homicideFamilyApplicant) : new Map<string, ConvictionScreen>();
    matterConvictionItems = linked.map(({ conviction, link, byName }) => ({
      ...openConviction(conviction),
      screen: screens.get(conviction.id) ?? null,
      conclusion:
        see.screens && link.conclusion && link.concludedAt
          ? {
              conclusion: link.conclusion,
              route: link.conclusionRoute,
              note: decryptField(link.conclusionNoteEnc, { field: "matter_convictions.conclusion_note", rowId: `${row.id}:${conviction.id}` }),
              byName,
              at: link.concludedAt,
              rulesetVersion: link.rulesetVersion,
            }
          : null,
    }));
  }

  const author = aliasedTable(users, "author");
  const [hearings, tasks, checklist, communications, hoursRows, noteRows, history] = await Promise.all([
    see.court ? matterHearingsOf(db, row.id) : [],
    see.workflow ? db.select({ id: matterTasks.id, kind: matterTasks.kind, dueOn: matterTasks.dueOn, completedAt: matterTasks.completedAt }).from(matterTasks).where(eq(matterTasks.matterId, row.id)) : [],
    see.workflow
      ? db
          .select({ step: postOrderChecks.step, doneOn: postOrderChecks.doneOn, byName: users.name, note: postOrderChecks.note })
          .from(postOrderChecks)
          .innerJoin(users, eq(users.id, postOrderChecks.recordedBy))
          .where(eq(postOrderChecks.matterId, row.id))
          .orderBy(asc(postOrderChecks.doneOn))
      : [],
    see.court
      ? db
          .select({ id: prosecutorCommunications.id, occurredOn: prosecutorCommunications.occurredOn, channel: prosecutorCommunications.channel, summaryEnc: prosecutorCommunications.summaryEnc, authorName: author.name, organizationName: organizations.name })
          .from(prosecutorCommunications)
          .innerJoin(author, eq(author.id, prosecutorCommunications.authorId))
          .innerJoin(organizations, eq(organizations.id, prosecutorCommunications.authorOrganizationId))
          .where(eq(prosecutorCommunications.matterId, row.id))
          .orderBy(desc(prosecutorCommunications.occurredOn), desc(prosecutorCommunications.createdAt))
      : [],
    // their own organization's work product only, current entries only
    see.hours ? getMatterHours(db, me, row.id) : null,
    see.notes
      ? db
          .select({ id: matterNotes.id, bodyEnc: matterNotes.bodyEnc, authorName: users.name, createdAt: matterNotes.createdAt })
          .from(matterNotes)
          .innerJoin(users, eq(users.id, matterNotes.authorId))
          .where(and(eq(matterNotes.matterId, row.id), eq(matterNotes.authorOrganizationId, me.organizationId!)))
          .orderBy(desc(matterNotes.createdAt))
      : null,
    see.workflow
      ? db
          .select({ id: survivorEvents.id, kind: survivorEvents.kind, occurredAt: survivorEvents.occurredAt, actorName: users.name, details: survivorEvents.details })
          .from(survivorEvents)
          .leftJoin(users, eq(users.id, survivorEvents.actorUserId))
          .where(and(eq(survivorEvents.survivorId, row.survivorId), sql`${survivorEvents.details}->>'matterId' = ${row.id}`))
          .orderBy(desc(survivorEvents.id))
          .limit(100)
      : [],
  ]);

  const [attorneyOptions, prosecutorOfficeOptions] = await Promise.all([
    can.assignAttorney ? attorneyOptionsFor(db, me, access.side, releases) : [],
    can.recordNotice ? db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(and(eq(organizations.type, "prosecutor_office"), eq(organizations.active, true))).orderBy(asc(organizations.name)) : [],
  ]);

  await recordAudit(db, {
    actor: auditActor(me),
    action: "matter.viewed",
    target: { type: "vacatur_matter", id: row.id },
    meta,
    details: { survivorId: row.survivorId, access: access.standing, releaseIds: access.releaseIds },
  });
  if (access.side !== "owner" && (identity || see.convictions || see.petition)) {
    // The survivor's own organization sees on the Access tab whenever released fields were shown here.
    await recordAudit(db, {
      actor: auditActor(me),
      action: "survivor.disclosed",
      target: { type: "survivor", id: row.survivorId },
      meta,
      details: { releaseIds: access.releaseIds, matterId: row.id, section: "matter" },
    });
  }

  const countKeys = matterConvictionItems.flatMap((c) => c.counts.map((n) => ({ key: `${c.id}:${n.count}`, label: `${c.courtName} ${c.caseNumber}, count ${n.count}: ${n.offense}` })));
  const suspension = access.suspension ? suspensionSentence(access.suspension, legal?.name ?? "the legal organization") : null;
  return {
    id: row.id,
    version: row.version,
    homicideFamilyApplicant: row.homicideFamilyApplicant,
    side: access.side,
    standing: access.standing,
    see,
    can,
    suspension,
    status: row.status,
    statusNote: see.workflow ? decryptField(row.statusNoteEnc, { field: `vacatur_matters.status_note.${row.version}`, rowId: row.id }) : null,
    statusChangedAt: row.statusChangedAt,
    lastActivityAt: row.lastActivityAt,
    survivor: {
      id: survivor.id,
      clientCode: survivor.clientCode,
      preferredName: access.side === "owner" || (see.contact && sees("identity_contact")) ? survivor.preferredName : null,
      legalName: identity?.legalName ?? null,
      aliases: identity?.aliases ?? [],
    },
    contact:
      identity && see.contact
        ? {
            safeContact: { ...survivor.safeContact, codeWord: identity.codeWord, doNotContact: identity.doNotContact, languages: survivor.languages, interpreterNeeded: survivor.interpreterNeeded },
            identity: { legalName: identity.legalName, phone: identity.phone, email: identity.email, address: identity.address, acpParticipant: survivor.acpParticipant },
          }
        : null,
    categories: [...access.categories],
    legalOrganization: legal ?? null,
    attorney: attorney ?? null,
    conflictStatus: row.conflictStatus,
    conflictAttestedAt: row.conflictAttestedAt,
    revisitOn: see.workflow ? row.revisitOn : null,
    blocker: see.workflow ? decryptField(row.blockerEnc, { field: "vacatur_matters.blocker", rowId: row.id }) : null,
    filing:
      see.court && row.filedOn
        ? {
            filedOn: row.filedOn,
            court: row.filingCourt,
            caseNumber: see.petition ? decryptField(row.filingCaseNumberEnc, { field: "vacatur_matters.filing_case_number", rowId: row.id }) : null,
          }
        : null,
    order: see.court && row.orderOn ? { orderOn: row.orderOn, counts: row.orderCounts ?? [] } : null,
    prosecutor: see.court
      ? {
          office: office ?? null,
          noticeOn: row.noticeOn,
          noticeMethod: row.noticeMethod,
          noticeGivenBy: row.noticeGivenBy,
          position: row.prosecutorPosition,
          positionRecordedAt: row.positionRecordedAt,
          communications: communications.map(({ summaryEnc, ...c }) => ({ ...c, summary: decryptField(summaryEnc, { field: "prosecutor_communications.summary", rowId: c.id }) ?? "" })),
        }
      : null,
    conflictCheck: see.conflictCheck
      ? { courts: [...new Set(linked.map((l) => `${l.conviction.courtName} (${l.conviction.courtLocality})`))], offices: [...new Set(linked.map((l) => l.conviction.prosecutingOffice))] }
      : null,
    convictions: matterConvictionItems,
    petitioned: see.petition && !see.convictions ? linked.filter(({ link }) => isPetitioned(link)).map(({ conviction }) => petitionedConviction(conviction)) : null,
    hearings,
    deadlines: see.workflow ? await matterDeadlines(db, row.id) : [],
    tasks,
    checklist,
    hours: hoursRows,
    notes: noteRows ? noteRows.map(({ bodyEnc, ...n }) => ({ ...n, body: decryptField(bodyEnc, { field: "matter_notes.body", rowId: n.id }) ?? "" })) : null,
    history,
    actions: can.moveAsAttorney ? availableMatterActions(row.status, "attorney") : [],
    ownerActions: can.moveAsOwner ? availableMatterActions(row.status, "owner") : [],
    countKeys,
    attorneyOptions,
    prosecutorOfficeOptions,
  };
}

/**
 * Attorneys a lead can assign: their own organization's (legal lead), or any legal organization's a
 * release covers (the survivor's lead). Beside each of the caller's own organization's attorneys, how
 * many open matters they carry (attorney-load.ts); another organization's workload is not shown.
 */
async function attorneyOptionsFor(db: Db, me: SessionUser, side: MatterSide, releases: LiveReleases): Promise<AttorneyChoice[]> {
  const covered = organizationsReleasedForMatter(releases);
  const orgIds = side === "legal" ? [me.organizationId!].filter((o) => covered.has(o)) : [...covered];
  if (!orgIds.length) return [];
  const options = await db
    .select({ id: users.id, name: users.name, organizationId: users.organizationId, organizationName: organizations.name })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(users.role, "attorney"), eq(users.active, true), eq(organizations.active, true), eq(organizations.type, "legal_aid"), inArray(users.organizationId, orgIds)))
    .orderBy(asc(organizations.name), asc(users.name));
  const load = await openMatterCounts(db, options.filter((o) => o.organizationId === me.organizationId).map((o) => o.id));
  return options.map(({ organizationId, ...o }) => ({ ...o, openMatters: organizationId === me.organizationId ? (load.get(o.id) ?? 0) : null }));
}
