import { and, eq, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { feeCases, jurisdictions } from "../../db/schema/fees";
import { organizations } from "../../db/schema/organizations";
import { can } from "../auth/policy";
import type { Role } from "../auth/roles";
import type { OrganizationType } from "../organizations/constants";

// Who may see and record which fee cases, decided once: `feeScope` is the rule, `feeCaseAccess`
// applies it to one case and `feeScopeCondition` to lists and figures. Every page, command, figure and
// download of the demand side goes through these.
//
// - An administrator sees every jurisdiction.
// - A prosecutor and a program lead see, and record, the fee cases of the Washington jurisdictions in
//   their organization's county (and any their organization recorded). Program leads of service
//   providers keep the money side where they serve; prosecutors record the cases their office brings.
// - An organization without a county (the Department of Commerce, a statewide program) sees every
//   jurisdiction and records nothing: writing anywhere is an administrator's.
// - Law-enforcement staff (and a program lead of a police agency) see only the cases their agency's
//   arrests led to, read-only. They never see a survivor: lib/survivors gives their role nothing.
// - Everyone else (advocates, attorneys, partner staff) sees nothing here.

export type FeeSubject = { id: string; role: Role; organizationId: string | null };
export type FeeOrganization = { type: OrganizationType; county: string | null };

export type FeeScope =
  | { kind: "none" }
  | { kind: "all"; record: boolean }
  | { kind: "county"; county: string; organizationId: string; record: boolean }
  | { kind: "statewide"; organizationId: string; record: boolean }
  | { kind: "agency"; agencyId: string };

export function feeScope(me: FeeSubject, organization: FeeOrganization | null): FeeScope {
  if (!can(me, "fees.view")) return { kind: "none" };
  const record = can(me, "fees.record");
  if (me.role === "admin") return { kind: "all", record };
  if (!me.organizationId || !organization) return { kind: "none" };
  if (me.role === "law_enforcement" || organization.type === "law_enforcement") return { kind: "agency", agencyId: me.organizationId };
  if (organization.county) return { kind: "county", county: organization.county, organizationId: me.organizationId, record };
  return { kind: "statewide", organizationId: me.organizationId, record: false };
}

/** The scope of a signed-in user, reading their organization's type and county (one query). */
export async function loadFeeScope(db: Db, me: FeeSubject): Promise<FeeScope> {
  if (!can(me, "fees.view")) return { kind: "none" };
  const [organization] = me.organizationId
    ? await db.select({ type: organizations.type, county: organizations.county }).from(organizations).where(eq(organizations.id, me.organizationId)).limit(1)
    : [];
  return feeScope(me, organization ?? null);
}

/** Washington's counties are the organizations' counties: a jurisdiction is in one only if it is in Washington. */
export function inCounty(county: string, jurisdiction: { county: string | null; state: string }): boolean {
  return jurisdiction.state === "WA" && jurisdiction.county === county;
}

/** inCounty as SQL over jurisdictions. */
function inCountySql(county: string): SQL {
  return and(eq(jurisdictions.state, "WA"), eq(jurisdictions.county, county))!;
}

type FeeCaseFacts = { jurisdiction: { county: string | null; state: string }; arrestingAgencyId: string | null; recordedByOrganizationId: string | null };

export type FeeCaseAccess = { see: boolean; record: boolean };

export function feeCaseAccess(scope: FeeScope, feeCase: FeeCaseFacts): FeeCaseAccess {
  switch (scope.kind) {
    case "none":
      return { see: false, record: false };
    case "all":
    case "statewide":
      return { see: true, record: scope.record };
    case "county": {
      const see = inCounty(scope.county, feeCase.jurisdiction) || feeCase.recordedByOrganizationId === scope.organizationId;
      return { see, record: see && scope.record };
    }
    case "agency":
      return { see: feeCase.arrestingAgencyId === scope.agencyId, record: false };
  }
}

/** Whether a new case may be recorded in a jurisdiction: the same rule, for a case not saved yet. */
export function mayRecordIn(scope: FeeScope, jurisdiction: { county: string | null; state: string }): boolean {
  if (scope.kind === "none" || scope.kind === "agency" || !scope.record) return false;
  return scope.kind !== "county" || inCounty(scope.county, jurisdiction);
}

/** Which jurisdictions this scope shows (for /fees's choice and figures). */
export { inCountySql };

export function jurisdictionScopeCondition(scope: FeeScope): SQL {
  switch (scope.kind) {
    case "none":
      return sql`false`;
    case "county":
      return inCountySql(scope.county);
    default:
      return sql`true`;
  }
}

/** The same rule as feeCaseAccess's `see`, as SQL over fee_cases joined to jurisdictions. */
export function feeScopeCondition(scope: FeeScope): SQL {
  switch (scope.kind) {
    case "none":
      return sql`false`;
    case "all":
    case "statewide":
      return sql`true`;
    case "county":
      return or(inCountySql(scope.county), eq(feeCases.recordedByOrganizationId, scope.organizationId))!;
    case "agency":
      return and(eq(feeCases.arrestingAgencyId, scope.agencyId))!;
  }
}
