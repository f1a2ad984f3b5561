import { describe, expect, it } from "vitest";
import { canDecideApproval } from "../../lib/auth/policy";
import { ROLES } from "../../lib/auth/roles";
import { approvalDecision } from "../../lib/users/approval-rules";

const org = "11111111-1111-4111-8111-111111111111";
const otherOrg = "22222222-2222-4222-8222-222222222222";

describe("approvalDecision", () => {
  it.each(ROLES.filter((r) => r !== "admin"))("a %s in an organization holding survivor data waits for a lead", (role) => {
    expect(approvalDecision({ role, organizationId: org, organizationHoldsSurvivorData: true, otherApprovedLeads: 1 })).toBe("pending");
  });

  it("an administrator never waits, in any organization", () => {
    expect(approvalDecision({ role: "admin", organizationId: org, organizationHoldsSurvivorData: true, otherApprovedLeads: 0 })).toBe("not_needed");
    expect(approvalDecision({ role: "admin", organizationId: null, organizationHoldsSurvivorData: false, otherApprovedLeads: 0 })).toBe("not_needed");
  });

  it("nobody waits in an organization that holds no survivor data", () => {
    for (const role of ROLES) {
      expect(approvalDecision({ role, organizationId: org, organizationHoldsSurvivorData: false, otherApprovedLeads: 0 })).toBe("not_needed");
    }
  });

  it("a program lead with no other approved lead to ask is the first lead; anyone else still waits", () => {
    expect(approvalDecision({ role: "program_lead", organizationId: org, organizationHoldsSurvivorData: true, otherApprovedLeads: 0 })).toBe("first_lead");
    expect(approvalDecision({ role: "advocate", organizationId: org, organizationHoldsSurvivorData: true, otherApprovedLeads: 0 })).toBe("pending");
  });
});

describe("canDecideApproval", () => {
  const lead = { id: "lead", role: "program_lead" as const, organizationId: org, active: true, approvalStatus: "approved" };
  const account = { id: "someone", organizationId: org };

  it("an active, approved lead of the same organization decides", () => {
    expect(canDecideApproval(lead, account)).toBe(true);
  });

  it.each([
    ["an administrator", { ...lead, role: "admin" as const }],
    ["an advocate", { ...lead, role: "advocate" as const }],
    ["a lead of another organization", { ...lead, organizationId: otherOrg }],
    ["a lead who is waiting", { ...lead, approvalStatus: "pending" }],
    ["a declined lead", { ...lead, approvalStatus: "declined" }],
    ["a deactivated lead", { ...lead, active: false }],
    ["a lead with no organization", { ...lead, organizationId: null }],
  ])("%s does not", (_label, who) => {
    expect(canDecideApproval(who, account)).toBe(false);
  });

  it("nobody decides on their own account", () => {
    expect(canDecideApproval(lead, { id: lead.id, organizationId: org })).toBe(false);
  });
});
