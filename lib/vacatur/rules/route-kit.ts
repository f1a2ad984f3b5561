// The pieces every route screen is built from: a test with its evidence and citation, and a blocker with
// what clears it. Shared by screen.ts and mandatory-routes.ts so both state their tests alike.

export type TestResult = "met" | "not_met" | "unknown";
export type ScreenTest = { id: string; kind: "eligibility" | "confirm"; label: string; result: TestResult; evidence: string; citation: string };
/** `until`: the first day the blocker no longer stands, when a date alone clears it. */
export type Blocker = { label: string; clears: string; until: string | null };
/** A route's tests and the ids among them that bar it outright when not met. */
export type RouteParts = { tests: ScreenTest[]; blockers: Blocker[]; bars: string[] };

export function test(id: string, label: string, result: TestResult, evidence: string, citation: string, kind: ScreenTest["kind"] = "eligibility"): ScreenTest {
  return { id, kind, label, result, evidence, citation };
}
