import { can } from "../auth/policy";
import { inCounty, type FeeScope, type FeeSubject } from "../fees/access";

// Who keeps a jurisdiction's profile and allocation policy: an admin anywhere; a program lead for the
// Washington jurisdictions in their organization's county (a statewide organization's lead: none; where
// a jurisdiction lies, its county and state, only an admin changes, since it decides who sees it). Everyone
// with jurisdictions.view reads the profiles; the fee and operation figures beside them follow the
// demand side's scope (lib/fees/access.ts).
export function mayEditJurisdiction(me: FeeSubject, scope: FeeScope, jurisdiction: { county: string | null; state: string }): boolean {
  if (!can(me, "jurisdictions.edit")) return false;
  if (me.role === "admin" || scope.kind === "all") return true;
  return scope.kind === "county" && inCounty(scope.county, jurisdiction);
}
