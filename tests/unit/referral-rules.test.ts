import { TZDate } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import { REFERRAL_STATUSES } from "@/lib/referrals/constants";
import { availableActions, checkTransition, REFERRAL_ACTIONS, TRANSITIONS } from "@/lib/referrals/machine";
import { isOverdue, overdueCutoff } from "@/lib/referrals/overdue";

describe("the referral state machine", () => {
  it("follows draft → sent → accepted → in service → completed, each step by the right side", () => {
    expect(checkTransition("draft", "send", "sender", null)).toEqual({ ok: true, to: "sent" });
    expect(checkTransition("sent", "accept", "recipient", null)).toEqual({ ok: true, to: "accepted" });
    expect(checkTransition("accepted", "start_service", "recipient", null)).toEqual({ ok: true, to: "in_service" });
    expect(checkTransition("in_service", "complete", "recipient", "Housed at Rainier House")).toEqual({ ok: true, to: "completed" });
  });

  it("refuses the wrong side, illegal steps, and missing reasons", () => {
    expect(checkTransition("sent", "accept", "sender", null)).toMatchObject({ ok: false, message: "Only the receiving organization can do that." });
    expect(checkTransition("sent", "withdraw", "recipient", null)).toMatchObject({ ok: false, message: "Only the referring organization can do that." });
    expect(checkTransition("declined", "accept", "recipient", null)).toMatchObject({ ok: false });
    expect(checkTransition("draft", "accept", "recipient", null)).toMatchObject({ ok: false });
    expect(checkTransition("accepted", "withdraw", "sender", null)).toMatchObject({ ok: false });
    expect(checkTransition("sent", "decline", "recipient", "  ")).toMatchObject({ ok: false, field: "note" });
    expect(checkTransition("in_service", "complete", "recipient", null)).toMatchObject({ ok: false, field: "note" });
    expect(checkTransition("in_service", "end_without_service", "recipient", null)).toMatchObject({ ok: false, field: "note" });
  });

  it("offers no way out of a final status, and every status but the final ones has a next step", () => {
    for (const status of REFERRAL_STATUSES) {
      const next = [...availableActions(status, "sender"), ...availableActions(status, "recipient")];
      const final = ["declined", "withdrawn", "completed", "ended_without_service"].includes(status);
      expect(next.length === 0, status).toBe(final);
    }
    for (const action of REFERRAL_ACTIONS) expect(TRANSITIONS[action].action).toBe(action);
  });
});

describe("overdue after business days", () => {
  const pacific = (y: number, m: number, d: number, h = 12) => new Date(new TZDate(y, m - 1, d, h, 0, 0, "America/Los_Angeles").getTime());

  it("counts Monday to Friday only: sent on a Monday, overdue from the Tuesday a week later", () => {
    const sent = pacific(2026, 11, 2, 10); // Monday
    expect(isOverdue({ status: "sent", sentAt: sent }, pacific(2026, 11, 9, 23), 5)).toBe(false); // next Monday
    expect(isOverdue({ status: "sent", sentAt: sent }, pacific(2026, 11, 10, 0), 5)).toBe(true); // next Tuesday
  });

  it("treats a weekend like the Friday before, and only unanswered referrals", () => {
    const sent = pacific(2026, 11, 6, 16); // Friday
    expect(overdueCutoff(pacific(2026, 11, 14), 5)).toEqual(overdueCutoff(pacific(2026, 11, 13), 5));
    expect(isOverdue({ status: "sent", sentAt: sent }, pacific(2026, 11, 13, 9), 5)).toBe(false); // the next Friday
    expect(isOverdue({ status: "sent", sentAt: sent }, pacific(2026, 11, 16, 9), 5)).toBe(true); // the Monday after
    expect(isOverdue({ status: "accepted", sentAt: sent }, pacific(2026, 12, 16), 5)).toBe(false);
  });
});
