import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { can, homePathFor, navigationFor, roleFitsOrganization, type Permission } from "@/lib/auth/policy";
import { ROLES, type Role } from "@/lib/auth/roles";

/** Whether an app route exists as a page file (route groups in parentheses are not part of the URL). */
function pageExists(href: string): boolean {
  const found: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const group = /^\(.*\)$/.test(entry.name);
        walk(path.join(dir, entry.name), group ? segments : [...segments, entry.name]);
      } else if (entry.name === "page.tsx") {
        found.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(path.resolve("app"), []);
  return found.includes(href === "/" ? "/" : href);
}

describe("policy", () => {
  const expected: Record<Role, Permission[]> = {
    admin: ["users.manage", "organizations.manage", "audit.read", "account.manage", "partners.view", "fees.view", "fees.record", "operations.view", "operations.record", "jurisdictions.view", "jurisdictions.edit"],
    program_lead: [
      "team.view",
      "account.manage",
      "survivors.view",
      "survivors.manage",
      "survivors.reassign",
      "partners.view",
      "partners.edit_own",
      "referrals.view",
      "referrals.send",
      "referrals.respond",
      "matters.view",
      "matters.open",
      "matters.assign",
      "matters.hours",
      "fees.view",
      "fees.record",
      "operations.view",
      "jurisdictions.view",
      "jurisdictions.edit",
      "retention.view",
      "retention.hold",
    ],
    advocate: ["team.view", "account.manage", "survivors.view", "survivors.manage", "partners.view", "referrals.view", "referrals.send", "matters.view", "matters.open"],
    attorney: ["team.view", "account.manage", "survivors.view", "partners.view", "referrals.view", "referrals.respond", "matters.view", "matters.work", "matters.hours"],
    prosecutor: ["team.view", "account.manage", "survivors.view", "partners.view", "matters.view", "matters.respond_as_prosecutor", "fees.view", "fees.record", "operations.view", "jurisdictions.view"],
    partner: ["team.view", "account.manage", "survivors.view", "partners.view", "partners.edit_own", "referrals.view", "referrals.respond"],
    law_enforcement: ["team.view", "account.manage", "fees.view", "operations.view", "operations.record", "jurisdictions.view"],
  };
  const all: Permission[] = [
    "users.manage",
    "organizations.manage",
    "audit.read",
    "team.view",
    "account.manage",
    "survivors.view",
    "survivors.manage",
    "survivors.reassign",
    "partners.view",
    "partners.edit_own",
    "referrals.view",
    "referrals.send",
    "referrals.respond",
    "matters.view",
    "matters.open",
    "matters.assign",
    "matters.work",
    "matters.respond_as_prosecutor",
    "matters.hours",
    "fees.view",
    "fees.record",
    "operations.view",
    "operations.record",
    "jurisdictions.view",
    "jurisdictions.edit",
    "retention.view",
    "retention.hold",
  ];

  it.each(ROLES)("grants a %s exactly its permissions", (role) => {
    for (const permission of all) expect(can({ role }, permission), `${role} ${permission}`).toBe(expected[role].includes(permission));
  });

  // Whatever the data holds, each role's navigation opens with its home.
  const HOLDINGS = [{ sharedSurvivors: false }, { sharedSurvivors: true }];

  it.each(ROLES)("sends a %s home to a page that exists, first in its navigation", (role) => {
    const home = homePathFor(role);
    expect(pageExists(home)).toBe(true);
    for (const holdings of HOLDINGS) expect(navigationFor({ role }, holdings)[0]?.href).toBe(home);
  });

  it("lands each role on today's work", () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, homePathFor(role)]))).toEqual({
      admin: "/admin",
      program_lead: "/dashboard",
      advocate: "/today",
      attorney: "/today",
      prosecutor: "/today",
      partner: "/referrals/inbox",
      law_enforcement: "/operations",
    });
  });

  it.each(ROLES)("shows a %s only links to pages that exist, each once", (role) => {
    for (const holdings of HOLDINGS) {
      const hrefs = navigationFor({ role }, holdings).map((item) => item.href);
      for (const href of hrefs) expect(pageExists(href), href).toBe(true);
      expect(new Set(hrefs).size).toBe(hrefs.length);
    }
  });

  it("shows Survivors to those who keep survivors, and to others only when another organization shared one with them", () => {
    const survivorsLink = (role: Role, sharedSurvivors: boolean) => navigationFor({ role }, { sharedSurvivors }).some((item) => item.href === "/survivors");
    for (const role of ["advocate", "program_lead"] as const) expect(survivorsLink(role, false), role).toBe(true);
    for (const role of ["attorney", "prosecutor", "partner"] as const) {
      expect(survivorsLink(role, false), `${role}, nothing shared`).toBe(false);
      expect(survivorsLink(role, true), `${role}, a survivor shared`).toBe(true);
    }
    expect(survivorsLink("admin", true)).toBe(false);
  });

  it("gives each role the navigation of its work", () => {
    const labels = (role: Role) => navigationFor({ role }).map((item) => item.label);
    expect(labels("advocate")).toEqual(["My day", "Survivors", "Referrals", "Vacatur matters", "Hearings", "Partners", "Team"]);
    expect(labels("program_lead")).toEqual(["Dashboard", "Survivors", "Referrals", "Vacatur matters", "Hearings", "Pro bono hours", "Funder report", "Sex-buyer fees", "Operations", "Jurisdictions", "Retention", "Partners", "Team"]);
    expect(labels("attorney")).toEqual(["Today", "Referrals", "Vacatur matters", "Hearings", "Pro bono hours", "Partners", "Team"]);
    expect(labels("prosecutor")).toEqual(["Today", "Vacatur matters", "Hearings", "Sex-buyer fees", "Operations", "Jurisdictions", "Partners", "Team"]);
    expect(labels("partner")).toEqual(["Inbox", "Referrals", "Partners", "Team"]);
    expect(labels("admin")).toEqual(["Overview", "Sex-buyer fees", "Operations", "Jurisdictions", "Users", "Organizations", "Audit trail", "Partners"]);
    // The demand side's staff see its data and their team, never a survivor, a referral or a matter.
    expect(labels("law_enforcement")).toEqual(["Operations", "Sex-buyer fees", "Jurisdictions", "Team"]);
  });

  it("never shows admin areas to anyone but admins", () => {
    for (const role of ROLES.filter((r) => r !== "admin")) {
      expect(navigationFor({ role }).some((item) => item.href.startsWith("/admin"))).toBe(false);
    }
  });

  it("matches roles to the kinds of organization they work for", () => {
    expect(roleFitsOrganization("attorney", "legal_aid")).toBe(true);
    expect(roleFitsOrganization("attorney", "service_provider")).toBe(false);
    expect(roleFitsOrganization("prosecutor", "prosecutor_office")).toBe(true);
    expect(roleFitsOrganization("prosecutor", "law_enforcement")).toBe(false);
    // Police staff never see a survivor: their only role is law_enforcement.
    expect(roleFitsOrganization("program_lead", "law_enforcement")).toBe(false);
    expect(roleFitsOrganization("law_enforcement", "law_enforcement")).toBe(true);
    expect(roleFitsOrganization("law_enforcement", "service_provider")).toBe(false);
    expect(roleFitsOrganization("advocate", "service_provider")).toBe(true);
    expect(roleFitsOrganization("advocate", null)).toBe(false);
    expect(roleFitsOrganization("admin", null)).toBe(true);
  });
});
