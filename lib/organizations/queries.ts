import { aliasedTable, and, asc, count, eq, ilike, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { users } from "../../db/schema/users";
import { assertCan } from "../auth/policy";
import type { Role } from "../auth/roles";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { isUuid } from "../validation";
import { offsetFor, PAGE_SIZE, toPage, type Page } from "../pagination";
import { escapeLike } from "../validation";
import type { OrganizationType, Service } from "./constants";
import type { OrganizationFilters } from "./schema";

type OrganizationListItem = {
  id: string;
  name: string;
  type: OrganizationType;
  county: string | null;
  services: Service[];
  active: boolean;
  memberCount: number;
};

export async function listOrganizations(
  me: SessionUser,
  filters: OrganizationFilters,
  page: number,
  db: Db = getDb(),
): Promise<Page<OrganizationListItem>> {
  assertCan(me, "organizations.manage");
  const conditions: SQL[] = [];
  if (filters.q) conditions.push(ilike(organizations.name, `%${escapeLike(filters.q)}%`));
  if (filters.type) conditions.push(eq(organizations.type, filters.type));
  if (filters.status !== "all") conditions.push(eq(organizations.active, filters.status === "active"));
  const where = conditions.length ? and(...conditions) : undefined;

  const members = db
    .select({ organizationId: users.organizationId, n: count().as("n") })
    .from(users)
    .where(eq(users.active, true))
    .groupBy(users.organizationId)
    .as("members");

  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: organizations.id,
        name: organizations.name,
        type: organizations.type,
        county: organizations.county,
        services: organizations.services,
        active: organizations.active,
        memberCount: members.n,
      })
      .from(organizations)
      .leftJoin(members, eq(members.organizationId, organizations.id))
      .where(where)
      .orderBy(asc(organizations.name), asc(organizations.id))
      .limit(PAGE_SIZE)
      .offset(offsetFor(page)),
    db.select({ total: count() }).from(organizations).where(where),
  ]);
  return toPage(
    rows.map((r) => ({ ...r, memberCount: Number(r.memberCount ?? 0) })),
    totals?.total ?? 0,
    page,
  );
}

type OrganizationDetail = {
  id: string;
  name: string;
  type: OrganizationType;
  county: string | null;
  services: Service[];
  active: boolean;
  version: number;
  recordRetentionYears: number;
  auditRetentionYears: number;
  createdAt: Date;
  updatedAt: Date;
  updatedByName: string | null;
  members: { id: string; name: string; email: string; role: Role; active: boolean }[];
};

export async function getOrganizationDetail(me: SessionUser, id: string, db: Db = getDb()): Promise<OrganizationDetail> {
  assertCan(me, "organizations.manage");
  if (!isUuid(id)) throw new AppError("not_found");
  const editor = aliasedTable(users, "editor");
  const [row] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      type: organizations.type,
      county: organizations.county,
      services: organizations.services,
      active: organizations.active,
      version: organizations.version,
      recordRetentionYears: organizations.recordRetentionYears,
      auditRetentionYears: organizations.auditRetentionYears,
      createdAt: organizations.createdAt,
      updatedAt: organizations.updatedAt,
      updatedByName: editor.name,
    })
    .from(organizations)
    .leftJoin(editor, eq(editor.id, organizations.updatedBy))
    .where(eq(organizations.id, id))
    .limit(1);
  if (!row) throw new AppError("not_found");
  const members = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.organizationId, id))
    .orderBy(asc(users.name))
    .limit(500);
  return { ...row, members };
}

type OwnOrganization = {
  name: string;
  type: OrganizationType;
  county: string | null;
  services: Service[];
  colleagues: { id: string; name: string; role: Role }[];
};

/** The signed-in person's own organization and its active staff (names and roles only). */
export async function getOwnOrganization(me: SessionUser, db: Db = getDb()): Promise<OwnOrganization | null> {
  assertCan(me, "team.view");
  if (!me.organizationId) return null;
  const [org] = await db
    .select({ name: organizations.name, type: organizations.type, county: organizations.county, services: organizations.services })
    .from(organizations)
    .where(eq(organizations.id, me.organizationId))
    .limit(1);
  if (!org) return null;
  const colleagues = await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.organizationId, me.organizationId), eq(users.active, true)))
    .orderBy(asc(users.name))
    .limit(200);
  return { ...org, colleagues };
}
