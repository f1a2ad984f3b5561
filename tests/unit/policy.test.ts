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
    admin: ["users.manage", "organizations.manage", "audit.read", "account.manage", "partners.view"],
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
    ],
    advocate: ["team.view", "account.manage", "survivors.view", "survivors.manage", "partners.view", "referrals.view", "referrals.send", "matters.view", "matters.open"],
    attorney: ["team.view", "account.manage", "survivors.view", "partners.view", "referrals.view", "referrals.respond", "matters.view", "matters.work", "matters.hours"],
    prosecutor: ["team.view", "account.manage", "survivors.view", "partners.view", "matters.view", "matters.respond_as_prosecutor"],
    partner: ["team.view", "account.manage", "survivors.view", "partners.view", "partners.edit_own", "referrals.view", "referrals.respond"],
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
  ];

  it.each(ROLES)("grants a %s exactly its permissions", (role) => {
    for (const permission of all) expect(can({ role }, permission), `${role} ${permission}`).toBe(expected[role].includes(permission));
  });

  it.each(ROLES)("sends a %s home to a page that exists and that its own permissions open", (role) => {
    const home = homePathFor(role);
    expect(pageExists(home)).toBe(true);
    expect(navigationFor({ role }).map((item) => item.href)).toContain(home);
  });

  it.each(ROLES)("shows a %s only links to pages that exist", (role) => {
    for (const item of navigationFor({ role })) expect(pageExists(item.href), item.href).toBe(true);
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
    expect(roleFitsOrganization("advocate", "service_provider")).toBe(true);
    expect(roleFitsOrganization("advocate", null)).toBe(false);
    expect(roleFitsOrganization("admin", null)).toBe(true);
  });
});
