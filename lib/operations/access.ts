import { eq, or, sql, type SQL } from "drizzle-orm";
import { operations } from "../../db/schema/fees";
import { can } from "../auth/policy";
import { inCounty, inCountySql, type FeeScope, type FeeSubject } from "../fees/access";

// Who sees and records which operations: the demand side's one scope (lib/fees/access.ts, loadFeeScope)
// applied to operations. An agency's staff see the operations it hosted or joined as a partner, and
// record those it hosted; prosecutors and program leads see their county's; an admin sees and keeps all.

export type OperationFacts = { agencyId: string; partnerAgencyIds: readonly string[]; jurisdiction: { county: string | null; state: string } };

export function operationAccess(me: FeeSubject, scope: FeeScope, operation: OperationFacts): { see: boolean; record: boolean } {
  let see: boolean;
  switch (scope.kind) {
    case "none":
      see = false;
      break;
    case "all":
    case "statewide":
      see = true;
      break;
    case "county":
      see = inCounty(scope.county, operation.jurisdiction);
      break;
    case "agency":
      see = operation.agencyId === scope.agencyId || operation.partnerAgencyIds.includes(scope.agencyId);
      break;
  }
  if (!can(me, "operations.view")) see = false;
  const record = see && can(me, "operations.record") && (me.role === "admin" || operation.agencyId === me.organizationId);
  return { see, record };
}

/** The agency an operation may be recorded for by this person: their own (an admin names one). */
export function mayRecordOperationFor(me: FeeSubject, agencyId: string): boolean {
  if (!can(me, "operations.record")) return false;
  return me.role === "admin" || agencyId === me.organizationId;
}

/** operationAccess's `see` as SQL over operations joined to jurisdictions. */
export function operationScopeCondition(scope: FeeScope): SQL {
  switch (scope.kind) {
    case "none":
      return sql`false`;
    case "all":
    case "statewide":
      return sql`true`;
    case "county":
      return inCountySql(scope.county);
    case "agency":
      return or(eq(operations.agencyId, scope.agencyId), sql`${scope.agencyId}::uuid = any(${operations.partnerAgencyIds})`)!;
  }
}
