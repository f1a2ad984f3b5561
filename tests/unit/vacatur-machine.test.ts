import { describe, expect, it } from "vitest";
import { MATTER_STATUSES } from "@/lib/vacatur/constants";
import { MATTER_TRANSITIONS, PRE_ORDER_STATUSES, availableMatterActions, checkMatterTransition, type MatterAction, type MatterContext } from "@/lib/vacatur/machine";

const context: MatterContext = { heldFromStatus: null, countKeys: ["c1:1", "c1:2", "c2:1"], verificationCount: 0, today: "2026-11-23" };
const ok = (to: string) => ({ ok: true, to });

describe("the vacatur matter state machine", () => {
  it("walks the whole road from referral to closing, each move by the attorney with its facts", () => {
    const steps: [string, MatterAction, object, string][] = [
      ["referred", "start_screening", {}, "screening"],
      ["screening", "request_records", {}, "records_requested"],
      ["records_requested", "records_received", {}, "screening"],
      ["screening", "start_drafting", {}, "drafting"],
      ["drafting", "send_for_review", {}, "survivor_review"],
      ["survivor_review", "file", { filing: { filedOn: "2026-10-01", court: "Seattle Municipal Court", caseNumber: "SMC-1" } }, "filed"],
      ["filed", "set_hearing", { hearing: { startsAt: new Date("2026-12-10T17:00:00Z"), place: "Courtroom 1001" } }, "hearing_set"],
      ["hearing_set", "continue", { note: "Prosecutor asked for time" }, "continued"],
      ["continued", "set_hearing", { hearing: { startsAt: new Date("2027-01-10T17:00:00Z"), place: "Courtroom 1001" } }, "hearing_set"],
      ["hearing_set", "grant", { order: { orderOn: "2026-11-20", counts: ["c1:1", "c1:2", "c2:1"] } }, "granted"],
      ["granted", "transmit_order", {}, "order_transmitted"],
    ];
    for (const [from, action, facts, to] of steps) {
      expect(checkMatterTransition(from as never, action, "attorney", facts, context), `${from} → ${action}`).toEqual(ok(to));
    }
    expect(checkMatterTransition("order_transmitted", "verify", "attorney", {}, { ...context, verificationCount: 1 })).toEqual(ok("verified"));
    expect(checkMatterTransition("verified", "close", "attorney", {}, { ...context, verificationCount: 1 })).toEqual(ok("closed"));
  });

  it("refuses to verify or close a granted matter without a post-order verification", () => {
    expect(checkMatterTransition("order_transmitted", "verify", "attorney", {}, context)).toMatchObject({ ok: false, message: /post-order verification/ });
    expect(checkMatterTransition("verified", "close", "attorney", {}, context)).toMatchObject({ ok: false, message: /post-order verification/ });
    // A denied matter has no order to verify.
    expect(checkMatterTransition("denied", "close", "attorney", {}, context)).toEqual(ok("closed"));
  });

  it("asks for the facts each move needs", () => {
    expect(checkMatterTransition("survivor_review", "file", "attorney", {}, context)).toMatchObject({ ok: false, field: "filedOn" });
    expect(checkMatterTransition("survivor_review", "file", "attorney", { filing: { filedOn: "2026-12-01", court: "x", caseNumber: "y" } }, context)).toMatchObject({ ok: false, field: "filedOn" });
    expect(checkMatterTransition("survivor_review", "file", "attorney", { filing: { filedOn: "2026-10-01", court: " ", caseNumber: "y" } }, context)).toMatchObject({ ok: false, field: "court" });
    expect(checkMatterTransition("survivor_review", "file", "attorney", { filing: { filedOn: "2026-10-01", court: "x", caseNumber: "" } }, context)).toMatchObject({ ok: false, field: "caseNumber" });
    expect(checkMatterTransition("filed", "set_hearing", "attorney", { hearing: { startsAt: new Date("nope"), place: "x" } }, context)).toMatchObject({ ok: false, field: "hearingDate" });
    expect(checkMatterTransition("filed", "set_hearing", "attorney", { hearing: { startsAt: new Date(), place: "" } }, context)).toMatchObject({ ok: false, field: "place" });
    expect(checkMatterTransition("hearing_set", "grant", "attorney", { order: { orderOn: "", counts: ["c1:1"] } }, context)).toMatchObject({ ok: false, field: "orderOn" });
    expect(checkMatterTransition("hearing_set", "deny", "attorney", { order: { orderOn: "2026-11-01", counts: [] } }, context)).toMatchObject({ ok: false, field: "counts" });
    expect(checkMatterTransition("hearing_set", "grant", "attorney", { order: { orderOn: "2026-11-01", counts: ["other:1"] } }, context)).toMatchObject({ ok: false, field: "counts" });
    expect(checkMatterTransition("hearing_set", "grant_partially", "attorney", { order: { orderOn: "2026-11-01", counts: context.countKeys } }, context)).toMatchObject({
      ok: false,
      field: "counts",
    });
    expect(checkMatterTransition("hearing_set", "grant_partially", "attorney", { order: { orderOn: "2026-11-01", counts: ["c1:1"] } }, context)).toEqual(ok("partially_granted"));
    expect(checkMatterTransition("screening", "mark_ineligible", "attorney", { revisitOn: "2027-06-01" }, context)).toMatchObject({ ok: false, field: "note" });
    expect(checkMatterTransition("screening", "mark_ineligible", "attorney", { note: "Unpaid CVPA", revisitOn: "2026-11-23" }, context)).toMatchObject({ ok: false, field: "revisitOn" });
    expect(checkMatterTransition("screening", "mark_ineligible", "attorney", { note: "Unpaid CVPA", revisitOn: "2027-06-01" }, context)).toEqual(ok("ineligible_now"));
  });

  it("lets the survivor's side only hold, resume and withdraw, and only before an order", () => {
    expect(checkMatterTransition("screening", "start_drafting", "owner", {}, context)).toMatchObject({ ok: false, message: "Only the assigned attorney can make that move." });
    for (const status of PRE_ORDER_STATUSES) {
      expect(checkMatterTransition(status, "hold", "owner", { note: "Survivor asked to pause" }, context)).toEqual(ok("on_hold_by_survivor"));
      expect(checkMatterTransition(status, "withdraw", "attorney", { note: "Survivor chose not to go ahead" }, context)).toEqual(ok("withdrawn"));
    }
    for (const status of ["granted", "order_transmitted", "closed", "withdrawn"] as const) {
      expect(checkMatterTransition(status, "withdraw", "owner", { note: "x" }, context).ok).toBe(false);
    }
    expect(availableMatterActions("drafting", "owner").map((t) => t.action)).toEqual(["hold", "withdraw"]);
  });

  it("resumes a held matter where it was", () => {
    expect(checkMatterTransition("on_hold_by_survivor", "resume", "owner", {}, { ...context, heldFromStatus: "drafting" })).toEqual(ok("drafting"));
    expect(checkMatterTransition("on_hold_by_survivor", "resume", "owner", {}, context)).toMatchObject({ ok: false });
  });

  it("refuses illegal jumps and leaves closed and withdrawn matters final", () => {
    expect(checkMatterTransition("referred", "file", "attorney", { filing: { filedOn: "2026-10-01", court: "x", caseNumber: "y" } }, context).ok).toBe(false);
    expect(checkMatterTransition("screening", "grant", "attorney", { order: { orderOn: "2026-11-01", counts: ["c1:1"] } }, context).ok).toBe(false);
    expect(availableMatterActions("closed", "attorney")).toEqual([]);
    expect(availableMatterActions("withdrawn", "owner")).toEqual([]);
  });

  it("reaches every status from referred", () => {
    const reached = new Set<string>(["referred"]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of Object.values(MATTER_TRANSITIONS)) {
        const to = t.to ?? "screening";
        if (t.from.some((f) => reached.has(f)) && !reached.has(to)) {
          reached.add(to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...MATTER_STATUSES].sort());
  });
});
