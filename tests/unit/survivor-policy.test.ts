import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import type { ReleaseCategory } from "@/lib/releases/constants";
import { liveReleases, type ReleaseFacts } from "@/lib/releases/rules";
import { canReadNote, survivorAccess } from "@/lib/survivors/access";

const AGENCY = "org-agency";
const LEGAL = "org-legal";
const survivor = { organizationId: AGENCY, assignedAdvocateId: "u-advocate" };
const person = (role: Role, organizationId: string | null, id = `u-${role}-${organizationId}`) => ({ id, role, organizationId });
const TODAY = "2026-11-30";
const none = { sharedWithMe: false, releases: liveReleases([], TODAY) };
const releaseTo = (org: string, categories: ReleaseCategory[]): ReleaseFacts => ({ id: `r-${org}`, recipientOrganizationId: org, categories, signedOn: "2026-11-01", expiresOn: "2027-01-31", revokedAt: null });
const under = (...releases: ReleaseFacts[]) => ({ ...none, releases: liveReleases(releases, TODAY) });

describe("survivorAccess", () => {
  it("gives the assigned advocate and the organization's leads the whole record to manage", () => {
    expect(survivorAccess(person("advocate", AGENCY, "u-advocate"), survivor, none)).toMatchObject({ kind: "caseload", manage: true });
    expect(survivorAccess(person("program_lead", AGENCY), survivor, none)).toMatchObject({ kind: "organization", manage: true });
  });

  it("lets another advocate of the agency in only when a lead shared the record with them", () => {
    expect(survivorAccess(person("advocate", AGENCY), survivor, none)).toBeNull();
    expect(survivorAccess(person("advocate", AGENCY), survivor, { ...none, sharedWithMe: true })).toMatchObject({ kind: "caseload" });
  });

  it("never lets an admin in, even with a release to their organization", () => {
    expect(survivorAccess(person("admin", null), survivor, none)).toBeNull();
    expect(survivorAccess(person("admin", LEGAL), survivor, under(releaseTo(LEGAL, ["identity_contact"])))).toBeNull();
  });

  it("opens another organization's view read-only, to exactly the released categories of releases naming it", () => {
    const context = under(releaseTo(LEGAL, ["criminal_court"]), releaseTo("org-other", ["identity_contact"]));
    const access = survivorAccess(person("attorney", LEGAL), survivor, { ...context, onOpenMatter: true });
    expect(access).toMatchObject({ kind: "release", manage: false, releaseIds: [`r-${LEGAL}`] });
    expect([...(access?.categories ?? [])]).toEqual(["criminal_court"]);
    expect(survivorAccess(person("attorney", LEGAL), survivor, { ...none, onOpenMatter: true })).toBeNull();
    // Of a legal organization's attorneys, only the one on the survivor's open matter is let in by the release.
    expect(survivorAccess(person("attorney", LEGAL), survivor, context)).toBeNull();
    expect(survivorAccess(person("program_lead", LEGAL), survivor, context)).toMatchObject({ kind: "release" });
    // A release is to the recipient's leads, attorneys, prosecutors and partner staff, not its advocates.
    expect(survivorAccess(person("advocate", LEGAL), survivor, context)).toBeNull();
  });
});

describe("canReadNote", () => {
  const advocateAccess = survivorAccess(person("advocate", AGENCY, "u-advocate"), survivor, none)!;
  const leadAccess = survivorAccess(person("program_lead", AGENCY), survivor, none)!;
  const sharedAccess = survivorAccess(person("advocate", AGENCY, "u-other"), survivor, { ...none, sharedWithMe: true })!;
  const note = { authorId: "u-advocate", authorOrganizationId: AGENCY, visibility: "restricted" as const, superseded: false };

  it("keeps restricted notes and superseded versions to the author and the author's program leads", () => {
    expect(canReadNote(person("advocate", AGENCY, "u-advocate"), note, advocateAccess)).toBe(true);
    expect(canReadNote(person("program_lead", AGENCY), note, leadAccess)).toBe(true);
    expect(canReadNote(person("advocate", AGENCY, "u-other"), note, sharedAccess)).toBe(false);
    expect(canReadNote(person("advocate", AGENCY, "u-other"), { ...note, visibility: "normal", superseded: true }, sharedAccess)).toBe(false);
    expect(canReadNote(person("advocate", AGENCY, "u-other"), { ...note, visibility: "normal" }, sharedAccess)).toBe(true);
  });

  it("shows notes to a release recipient only when the release covers case notes", () => {
    const recipient = person("partner", LEGAL);
    const withNotes = survivorAccess(recipient, survivor, under(releaseTo(LEGAL, ["case_notes"])))!;
    const withoutNotes = survivorAccess(recipient, survivor, under(releaseTo(LEGAL, ["identity_contact"])))!;
    const normal = { ...note, visibility: "normal" as const };
    expect(canReadNote(recipient, normal, withNotes)).toBe(true);
    expect(canReadNote(recipient, normal, withoutNotes)).toBe(false);
    expect(canReadNote(recipient, note, withNotes)).toBe(false);
  });
});

describe("the Access tab", () => {
  it("is for the assigned advocate and the organization's leads", () => {
    expect(survivorAccess(person("advocate", AGENCY, "u-advocate"), survivor, none)?.canSeeAccessLog).toBe(true);
    expect(survivorAccess(person("program_lead", AGENCY), survivor, none)?.canSeeAccessLog).toBe(true);
    expect(survivorAccess(person("advocate", AGENCY, "u-other"), survivor, { ...none, sharedWithMe: true })?.canSeeAccessLog).toBe(false);
    expect(survivorAccess(person("program_lead", LEGAL), survivor, under(releaseTo(LEGAL, ["identity_contact"])))?.canSeeAccessLog).toBe(false);
  });
});
