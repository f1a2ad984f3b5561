import { describe, expect, it } from "vitest";
import { canDecideApproval } from "../../lib/auth/policy";
import { ROLES } from "../../lib/auth/roles";
import { APPROVAL_REASONS, approvalDecision, type ApprovalReason } from "../../lib/users/approval-rules";

const org = "11111111-1111-4111-8111-111111111111";
const otherOrg = "22222222-2222-4222-8222-222222222222";
const holding = { organizationId: org, organizationHoldsSurvivorData: true, organizationHadLead: true, reason: "created" as ApprovalReason };

describe("approvalDecision", () => {
  it.each(ROLES.filter((r) => r !== "admin"))("a %s in an organization holding survivor data waits for a lead", (role) => {
    expect(approvalDecision({ ...holding, role })).toBe("pending");
  });

  it("an administrator never waits for a lead; a reset of their password or second factor waits for a second administrator", () => {
    expect(approvalDecision({ ...holding, role: "admin", organizationHadLead: false })).toBe("not_needed");
    expect(approvalDecision({ ...holding, role: "admin", organizationId: null, organizationHoldsSurvivorData: false })).toBe("not_needed");
    for (const reason of ["password_reset", "second_factor_reset"] as const) {
      expect(approvalDecision({ ...holding, role: "admin", organizationId: null, organizationHoldsSurvivorData: false, reason })).toBe("pending");
    }
  });

  it("nobody waits in an organization that holds no survivor data", () => {
    for (const role of ROLES) expect(approvalDecision({ ...holding, role, organizationHoldsSurvivorData: false })).toBe("not_needed");
  });

  it("the first program lead an organization ever has is let in (created, moved in or made lead); anyone else still waits", () => {
    for (const reason of ["created", "organization_changed", "role_changed"] as const) {
      expect(approvalDecision({ ...holding, role: "program_lead", organizationHadLead: false, reason })).toBe("first_lead");
    }
    expect(approvalDecision({ ...holding, role: "advocate", organizationHadLead: false })).toBe("pending");
  });

  it("never lets a lead back in on a reset or a reactivation, nor a new lead where there was one before", () => {
    expect(approvalDecision({ ...holding, role: "program_lead", organizationHadLead: false, reason: "password_reset" })).toBe("pending");
    expect(approvalDecision({ ...holding, role: "program_lead", organizationHadLead: false, reason: "reactivated" })).toBe("pending");
    for (const reason of APPROVAL_REASONS) expect(approvalDecision({ ...holding, role: "program_lead", reason })).toBe("pending");
  });
});

describe("canDecideApproval", () => {
  const lead = { id: "lead", role: "program_lead" as const, organizationId: org, active: true, approvalStatus: "approved" };
  const account = { id: "someone", organizationId: org, approvalRequestedBy: "admin-1" };
  const withLeads = { approvers: 1 };

  it("an active, approved lead of the same organization decides", () => {
    expect(canDecideApproval(lead, account, withLeads)).toBe(true);
  });

  it.each([
    ["an administrator, while a lead could decide", { ...lead, role: "admin" as const, organizationId: null }],
    ["an advocate", { ...lead, role: "advocate" as const }],
    ["a lead of another organization", { ...lead, organizationId: otherOrg }],
    ["a lead who is waiting", { ...lead, approvalStatus: "pending" }],
    ["a declined lead", { ...lead, approvalStatus: "declined" }],
    ["a deactivated lead", { ...lead, active: false }],
    ["a lead with no organization", { ...lead, organizationId: null }],
  ])("%s does not", (_label, who) => {
    expect(canDecideApproval(who, account, withLeads)).toBe(false);
  });

  it("nobody decides on their own account", () => {
    expect(canDecideApproval(lead, { ...account, id: lead.id }, withLeads)).toBe(false);
  });

  it("where no lead could decide, a second administrator may, never the one who made the change", () => {
    const admin = { id: "admin-2", role: "admin" as const, organizationId: null, active: true, approvalStatus: "approved" };
    expect(canDecideApproval(admin, account, { approvers: 0 })).toBe(true);
    expect(canDecideApproval({ ...admin, id: "admin-1" }, account, { approvers: 0 })).toBe(false);
    expect(canDecideApproval({ ...admin, active: false }, account, { approvers: 0 })).toBe(false);
    expect(canDecideApproval(admin, { ...account, approvalRequestedBy: null }, { approvers: 0 })).toBe(false);
  });
});
