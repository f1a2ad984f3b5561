import { and, asc, desc, eq } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import type { SurvivorRow } from "../../../db/schema/survivors";
import { convictions, laterConvictions, pendingCharges, type ConvictionRow } from "../../../db/schema/vacatur";
import { auditActor, recordAudit } from "../../audit/record";
import { assertCan, can } from "../../auth/policy";
import type { SessionUser } from "../../auth/sessions";
import { AppError } from "../../errors";
import { pacificToday } from "../../format";
import type { RequestMeta } from "../../request-meta";
import { loadCourtRecords } from "../access";
import { openCaseNumber } from "../records";
import { isUuid } from "../../validation";
import { screenConviction, type ConvictionScreen, type ScreenContext } from "../rules/screen";

// A survivor's court records (convictions, pending charges, later convictions) and their eligibility
// screens, for whoever courtRecordAccess lets read them.

export type ConvictionItem = Omit<ConvictionRow, "caseNumberEnc"> & { caseNumber: string };

export function openConviction(row: ConvictionRow): ConvictionItem {
  const { caseNumberEnc, ...rest } = row;
  return { ...rest, caseNumber: openCaseNumber(row.id, caseNumberEnc) };
}

function screenInput(row: ConvictionItem) {
  return {
    id: row.id,
    counts: row.counts,
    dispositionDate: row.dispositionDate,
    sentencingDate: row.sentencingDate,
    confinementReleaseDate: row.confinementReleaseDate,
    supervisionEndDate: row.supervisionEndDate,
    dischargeDate: row.dischargeDate,
    cvpa: row.cvpaStatus,
    restitution: { order: row.restitutionOrder, entries: row.restitution },
    citedRoute: row.citedRoute,
  };
}

type RecordsOf = {
  convictions: ConvictionItem[];
  pending: (typeof pendingCharges.$inferSelect)[];
  later: (typeof laterConvictions.$inferSelect)[];
};

export async function recordsOf(db: Db, survivorId: string): Promise<RecordsOf> {
  const [convictionRows, pending, later] = await Promise.all([
    db.select().from(convictions).where(eq(convictions.survivorId, survivorId)).orderBy(desc(convictions.dispositionDate), asc(convictions.id)),
    db.select().from(pendingCharges).where(eq(pendingCharges.survivorId, survivorId)).orderBy(asc(pendingCharges.createdAt)),
    db.select().from(laterConvictions).where(eq(laterConvictions.survivorId, survivorId)).orderBy(desc(laterConvictions.convictedOn)),
  ]);
  return { convictions: convictionRows.map(openConviction), pending, later };
}

/** Screens every conviction with what is recorded about the survivor (pure rules, lib/vacatur/rules). */
export function screenAll(
  survivor: Pick<SurvivorRow, "victimizationTypes">,
  records: RecordsOf,
  asOf: string,
  declarationSigned: boolean | null = null,
  homicideFamilyApplicant = false,
): Map<string, ConvictionScreen> {
  const screens = new Map<string, ConvictionScreen>();
  for (const conviction of records.convictions) {
    const context: ScreenContext = {
      victimizationTypes: survivor.victimizationTypes,
      pendingCharges: records.pending
        .filter((p) => !p.resolvedOn)
        .map((p) => ({ jurisdiction: p.jurisdiction, offense: p.offense, citation: p.citation, prostitution: p.prostitution })),
      otherConvictions: [
        ...records.later.map((l) => ({ date: l.convictedOn, jurisdiction: l.jurisdiction, description: l.description })),
        // The survivor's other recorded convictions count when they came after this one.
        ...records.convictions
          .filter((c) => c.id !== conviction.id && c.dispositionDate > conviction.dispositionDate)
          .map((c) => ({ date: c.dispositionDate, jurisdiction: "washington" as const, description: `${c.counts.map((x) => x.offense).join(", ")}, ${c.courtName}` })),
      ],
      declarationSigned,
      homicideFamilyApplicant,
    };
    screens.set(conviction.id, screenConviction(screenInput(conviction), context, asOf));
  }
  return screens;
}

type CourtRecordsPage = {
  survivor: { id: string; clientCode: string; preferredName: string | null };
  canEdit: boolean;
  canOpenMatter: boolean;
  /** screens are for the survivor's side and attorneys; prosecutors and other partners see the records only */
  showScreens: boolean;
  asOf: string;
  convictions: (ConvictionItem & { screen: ConvictionScreen | null })[];
  pending: RecordsOf["pending"];
  later: RecordsOf["later"];
};

/** The survivor's court records, for anyone whose access covers criminal-history records. Audited as a view or disclosure. */
export function getCourtRecords(me: SessionUser, survivorId: string, meta: RequestMeta | null, db: Db = getDb()): Promise<CourtRecordsPage> {
  // The read and the audit of it in one transaction.
  return db.transaction((tx) => readCourtRecords(me, survivorId, meta, tx));
}

async function readCourtRecords(me: SessionUser, survivorId: string, meta: RequestMeta | null, db: Db): Promise<CourtRecordsPage> {
  assertCan(me, "survivors.view");
  const { row, survivorAccess, access } = await loadCourtRecords(db, me, survivorId, "read");
  const records = await recordsOf(db, row.id);
  const asOf = pacificToday();
  const screens = access.screens ? screenAll(row, records, asOf) : new Map<string, ConvictionScreen>();
  const disclosed = survivorAccess?.kind === "release";
  await recordAudit(db, {
    actor: auditActor(me),
    action: disclosed ? "survivor.disclosed" : "survivor.viewed",
    target: { type: "survivor", id: row.id },
    meta,
    details: disclosed ? { releaseIds: access.releaseIds, section: "court_records" } : { access: survivorAccess?.kind ?? "matter", section: "court_records" },
  });
  return {
    survivor: { id: row.id, clientCode: row.clientCode, preferredName: survivorAccess?.manage || survivorAccess?.categories.has("identity_contact") ? row.preferredName : null },
    canEdit: access.edit,
    canOpenMatter: Boolean(survivorAccess?.manage) && can(me, "matters.open"),
    showScreens: access.screens,
    asOf,
    convictions: records.convictions.map((c) => ({ ...c, screen: screens.get(c.id) ?? null })),
    pending: records.pending,
    later: records.later,
  };
}

/** One conviction's form values, for those who may edit the survivor's court records. */
export async function getConvictionForEdit(me: SessionUser, survivorId: string, convictionId: string, db: Db = getDb()) {
  const { row: survivor } = await loadCourtRecords(db, me, survivorId, "edit");
  if (!isUuid(convictionId)) throw new AppError("not_found");
  const [row] = await db
    .select()
    .from(convictions)
    .where(and(eq(convictions.id, convictionId), eq(convictions.survivorId, survivor.id)));
  if (!row) throw new AppError("not_found");
  return openConviction(row);
}

/** For the court-record forms: who the records are about, if the caller may edit them. */
export async function getRecordsHeading(me: SessionUser, survivorId: string, db: Db = getDb()) {
  const { row } = await loadCourtRecords(db, me, survivorId, "edit");
  return { id: row.id, clientCode: row.clientCode };
}
