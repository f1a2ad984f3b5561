import { can } from "../auth/policy";
import type { FeeScope, FeeSubject } from "../fees/access";

// Who keeps a jurisdiction's profile and allocation policy: an admin anywhere; a program lead for the
// jurisdictions in their organization's county (a statewide organization's lead, anywhere). Everyone
// with jurisdictions.view reads the profiles; the fee and operation figures beside them follow the
// demand side's scope (lib/fees/access.ts).
export function mayEditJurisdiction(me: FeeSubject, scope: FeeScope, jurisdiction: { county: string | null; state: string }): boolean {
  if (!can(me, "jurisdictions.edit")) return false;
  if (me.role === "admin" || scope.kind === "all" || scope.kind === "statewide") return true;
  return scope.kind === "county" && jurisdiction.state === "WA" && jurisdiction.county === scope.county;
}
