import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { assertCan, canEditPartnerProfile } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import type { Capacity, OrganizationType, Service } from "../organizations/constants";
import { offsetFor, PAGE_SIZE, toPage, type Page } from "../pagination";
import { isUuid } from "../validation";
import type { PartnerFilters } from "./schema";

// The partner directory: the organizations that take referrals (service providers and legal aid),
// what they offer, where, in which languages, and whether they are taking referrals now.

const DIRECTORY_TYPES: OrganizationType[] = ["service_provider", "legal_aid"];

type PartnerItem = {
  id: string;
  name: string;
  type: OrganizationType;
  county: string | null;
  services: Service[];
  countiesServed: string[];
  languages: string[];
  eligibilityNotes: string | null;
  intakeContact: string | null;
  capacity: Capacity;
  capacityUpdatedAt: Date | null;
  version: number;
  updatedAt: Date;
};

const columns = {
  id: organizations.id,
  name: organizations.name,
  type: organizations.type,
  county: organizations.county,
  services: organizations.services,
  countiesServed: organizations.countiesServed,
  languages: organizations.languages,
  eligibilityNotes: organizations.eligibilityNotes,
  intakeContact: organizations.intakeContact,
  capacity: organizations.capacity,
  capacityUpdatedAt: organizations.capacityUpdatedAt,
  version: organizations.version,
  updatedAt: organizations.updatedAt,
};

export async function listPartners(me: SessionUser, filters: PartnerFilters, page: number, db: Db = getDb()): Promise<Page<PartnerItem>> {
  assertCan(me, "partners.view");
  const conditions: SQL[] = [eq(organizations.active, true), inArray(organizations.type, DIRECTORY_TYPES)];
  if (filters.service) conditions.push(sql`${organizations.services} @> array[${filters.service}]::service[]`);
  if (filters.county) conditions.push(sql`(${organizations.county} = ${filters.county} or ${filters.county} = any(${organizations.countiesServed}))`);
  if (filters.language) conditions.push(sql`exists (select 1 from unnest(${organizations.languages}) l where lower(l) = lower(${filters.language}))`);
  if (filters.capacity) conditions.push(eq(organizations.capacity, filters.capacity));
  const where = and(...conditions);
  const [rows, [totals]] = await Promise.all([
    db.select(columns).from(organizations).where(where).orderBy(asc(organizations.name)).limit(PAGE_SIZE).offset(offsetFor(page)),
    db.select({ total: count() }).from(organizations).where(where),
  ]);
  return toPage(rows, totals?.total ?? 0, page);
}

export async function getPartner(me: SessionUser, id: string, db: Db = getDb()): Promise<PartnerItem & { canEdit: boolean }> {
  assertCan(me, "partners.view");
  if (!isUuid(id)) throw new AppError("not_found");
  const [row] = await db
    .select(columns)
    .from(organizations)
    .where(and(eq(organizations.id, id), eq(organizations.active, true), inArray(organizations.type, DIRECTORY_TYPES)))
    .limit(1);
  if (!row) throw new AppError("not_found");
  return { ...row, canEdit: canEditPartnerProfile(me, row.id) };
}
