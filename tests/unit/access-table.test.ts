import { describe, expect, it } from "vitest";
import { referralAccess } from "@/lib/referrals/access";
import type { ReleaseCategory } from "@/lib/releases/constants";
import { liveReleases, type ReleaseFacts } from "@/lib/releases/rules";
import { ROLES, type Role } from "@/lib/auth/roles";
import { survivorAccess } from "@/lib/survivors/access";
import { courtRecordAccess, matterAccess, type MatterAccess, type MatterParties } from "@/lib/vacatur/access";

// The access functions as one table: every role × relation × state of the release that matters, for
// each resource, with the answer written out. A cell not in a table must be "none" (not found). The
// encoding keeps the tables readable:
//   matter  "<side>/<standing>[ suspended] see:<letters> can:<letters>"
//     see:  P page  C court  F the petition as served (filing case number, counts petitioned)  V convictions and case numbers  S screens  W workflow  K conflict check  T contact  O notes  H hours
//     can:  a attest  s assign  m move as attorney  o move as owner  n write notes  h log hours  r record notice
//           p record position  c add communication  k checklist  e edit court records  d documents  l calendar

const TODAY = "2026-11-30";
const AGENCY = "org-agency"; // the survivor's organization
const LEGAL = "org-legal"; // the legal organization the matter was given to; the release's recipient
const OFFICE = "org-office"; // the prosecuting office the matter was noticed to
const PARTNER = "org-partner"; // the referral's recipient
const ELSEWHERE = "org-elsewhere";

const STATES = ["none", "active", "expired", "revoked"] as const;
type State = (typeof STATES)[number];

function release(id: string, to: string, categories: ReleaseCategory[], state: State): ReleaseFacts[] {
  if (state === "none") return [];
  const dates = state === "expired" ? { signedOn: "2026-01-01", expiresOn: "2026-03-31" } : { signedOn: "2026-11-01", expiresOn: "2027-01-31" };
  return [{ id, recipientOrganizationId: to, categories, ...dates, revokedAt: state === "revoked" ? new Date("2026-11-20T18:00:00Z") : null }];
}

const survivor = { organizationId: AGENCY, assignedAdvocateId: "u-own" };

function cells<R extends string>(relations: readonly R[]) {
  return ROLES.flatMap((role) => relations.flatMap((relation) => STATES.map((state) => ({ role, relation, state, key: `${role}/${relation}/${state}` }))));
}

function expectTable(actual: Record<string, string>, expected: Record<string, string>) {
  const keys = Object.keys(actual);
  for (const key of Object.keys(expected)) expect(keys, `table row ${key} is not a cell`).toContain(key);
  const want = Object.fromEntries(keys.map((k) => [k, expected[k] ?? "none"]));
  expect(actual).toEqual(want);
}

/** The same answer for every release state. */
const always = (prefix: string, value: string) => Object.fromEntries(STATES.map((s) => [`${prefix}/${s}`, value]));

describe("survivorAccess: role × relation × release state", () => {
  // own: the assigned advocate's place in the survivor's organization; same_org: someone else there;
  // assigned: someone there the record was shared with; other_org: the organization a release names.
  const RELATIONS = ["own", "same_org", "assigned", "other_org"] as const;

  it("answers every cell as the table says", () => {
    const actual: Record<string, string> = {};
    for (const { role, relation, state, key } of cells(RELATIONS)) {
      const me = {
        id: relation === "own" ? "u-own" : "u-someone",
        role,
        organizationId: role === "admin" && relation !== "other_org" ? null : relation === "other_org" ? LEGAL : AGENCY,
      };
      const access = survivorAccess(me, survivor, {
        sharedWithMe: relation === "assigned",
        releases: liveReleases(release("r", LEGAL, ["identity_contact", "criminal_court"], state), TODAY),
      });
      actual[key] = access ? `${access.manage ? "manage" : "read"}:${access.kind}:${[...access.categories].sort().join("+")}${access.canSeeAccessLog ? ":log" : ""}` : "none";
    }
    const everything = "case_notes+criminal_court+identity_contact+referral_details";
    const released = "read:release:criminal_court+identity_contact";
    expectTable(actual, {
      ...always("program_lead/own", `manage:organization:${everything}:log`),
      ...always("program_lead/same_org", `manage:organization:${everything}:log`),
      ...always("program_lead/assigned", `manage:organization:${everything}:log`),
      ...always("advocate/own", `manage:caseload:${everything}:log`),
      ...always("advocate/assigned", `manage:caseload:${everything}`),
      // Under a release: its recipient organization's leads, prosecutors and partner staff — never its advocates,
      // never an admin, and of its attorneys only the one on the survivor's open matter (below).
      "program_lead/other_org/active": released,
      "prosecutor/other_org/active": released,
      "partner/other_org/active": released,
    });
  });
});

describe("matterAccess: role × relation × state of the release to the legal organization", () => {
  // own: in the survivor's organization (the assigned advocate's place); same_org: in the matter's legal
  // organization, not the assigned attorney; assigned: the assigned attorney's place; other_org: the
  // prosecuting office the matter was noticed to (its own release covers court records throughout).
  const RELATIONS = ["own", "same_org", "assigned", "other_org"] as const;
  const matter: MatterParties = {
    organizationId: AGENCY,
    legalOrganizationId: LEGAL,
    attorneyId: "u-attorney",
    conflictStatus: "cleared",
    prosecutorOfficeId: OFFICE,
    noticeOn: "2026-11-10",
    status: "filed",
  };
  const SEE: [keyof MatterAccess["see"], string][] = [
    ["page", "P"], ["court", "C"], ["petition", "F"], ["convictions", "V"], ["screens", "S"], ["workflow", "W"],
    ["conflictCheck", "K"], ["contact", "T"], ["notes", "O"], ["hours", "H"],
  ];
  const CAN: [keyof MatterAccess["can"], string][] = [
    ["attestConflict", "a"], ["assignAttorney", "s"], ["moveAsAttorney", "m"], ["moveAsOwner", "o"], ["writeNotes", "n"], ["logHours", "h"],
    ["recordNotice", "r"], ["recordPosition", "p"], ["addCommunication", "c"], ["recordChecklist", "k"], ["editCourtRecords", "e"],
    ["generateDocuments", "d"], ["downloadCalendar", "l"],
  ];
  const encode = (a: MatterAccess) =>
    `${a.side}/${a.standing}${a.suspension ? " suspended" : ""} see:${SEE.filter(([k]) => a.see[k]).map(([, c]) => c).join("")} can:${CAN.filter(([k]) => a.can[k]).map(([, c]) => c).join("")}`;

  function answer(role: Role, relation: (typeof RELATIONS)[number], state: State, overrides: Partial<MatterParties> = {}) {
    const me = {
      id: relation === "own" ? "u-own" : relation === "assigned" ? "u-attorney" : "u-someone",
      role,
      organizationId: role === "admin" ? null : { own: AGENCY, same_org: LEGAL, assigned: LEGAL, other_org: OFFICE }[relation],
    };
    const releases = liveReleases(
      [...release("r-legal", LEGAL, ["identity_contact", "criminal_court"], state), ...release("r-office", OFFICE, ["criminal_court"], "active")],
      TODAY,
    );
    // Managing the survivor is survivorAccess's answer (the assigned advocate, the organization's leads).
    const manages = Boolean(survivorAccess(me, survivor, { sharedWithMe: false, releases })?.manage);
    const access = matterAccess(me, { ...matter, ...overrides }, { managesSurvivor: manages, releases });
    return access ? encode(access) : "none";
  }

  it("answers every cell as the table says", () => {
    const actual: Record<string, string> = {};
    for (const { role, relation, state, key } of cells(RELATIONS)) actual[key] = answer(role, relation, state);
    const owner = (suspended: boolean, can: string) => `owner/owner${suspended ? " suspended" : ""} see:PCFVSWT can:${can}`;
    const suspendedLegal = (standing: string) => `legal/${standing} suspended see:POH can:`;
    expectTable(actual, {
      "advocate/own/active": owner(false, "okel"),
      "advocate/own/none": owner(true, "okel"),
      "advocate/own/expired": owner(true, "okel"),
      "advocate/own/revoked": owner(true, "okel"),
      "program_lead/own/active": owner(false, "sokel"),
      "program_lead/own/none": owner(true, "sokel"),
      "program_lead/own/expired": owner(true, "sokel"),
      "program_lead/own/revoked": owner(true, "sokel"),
      // The assigned attorney works the matter only while a release covers identity and court records.
      "attorney/assigned/active": "legal/assigned_attorney see:PCFVSWTOH can:mnhrpckedl",
      "attorney/assigned/none": suspendedLegal("assigned_attorney"),
      "attorney/assigned/expired": suspendedLegal("assigned_attorney"),
      "attorney/assigned/revoked": suspendedLegal("assigned_attorney"),
      // The legal organization's lead, wherever they sit in it.
      "program_lead/same_org/active": "legal/legal_lead see:PCFVSWTOH can:snhcdl",
      "program_lead/same_org/none": suspendedLegal("legal_lead"),
      "program_lead/same_org/expired": suspendedLegal("legal_lead"),
      "program_lead/same_org/revoked": suspendedLegal("legal_lead"),
      "program_lead/assigned/active": "legal/legal_lead see:PCFVSWTOH can:snhcdl",
      "program_lead/assigned/none": suspendedLegal("legal_lead"),
      "program_lead/assigned/expired": suspendedLegal("legal_lead"),
      "program_lead/assigned/revoked": suspendedLegal("legal_lead"),
      // Another attorney of the legal organization: the list row (which says when the matter is suspended), nothing more.
      "attorney/same_org/active": "legal/organization_attorney see: can:",
      "attorney/same_org/none": "legal/organization_attorney suspended see: can:",
      "attorney/same_org/expired": "legal/organization_attorney suspended see: can:",
      "attorney/same_org/revoked": "legal/organization_attorney suspended see: can:",
      // The noticed office: its own release governs what it sees; the legal release's state changes nothing for it,
      // and it is not told of it.
      ...always("prosecutor/other_org", "prosecutor/prosecutor see:PCFV can:pcl"),
    });
  });

  it("keeps the details from the assigned attorney until they attest to no conflict, and from the lead until then too", () => {
    const pending = { conflictStatus: "pending" as const };
    expect(answer("attorney", "assigned", "active", pending)).toBe("legal/assigned_attorney see:PK can:a");
    expect(answer("program_lead", "same_org", "active", pending)).toBe("legal/legal_lead see:P can:s");
    expect(answer("attorney", "assigned", "revoked", pending)).toBe("legal/assigned_attorney suspended see:POH can:");
  });

  it("hides a matter from its prosecuting office until notice is given", () => {
    expect(answer("prosecutor", "other_org", "active", { noticeOn: null })).toBe("none");
  });

  // Service of the petition gives the office its court, case number, counts and hearing; a release to the
  // office is what adds the rest of the survivor's court records, and nothing opens contact, screens or notes.
  describe("a noticed prosecuting office and what service of the petition gives it", () => {
    const prosecutor = { id: "u-prosecutor", role: "prosecutor" as const, organizationId: OFFICE };
    const legalRelease = release("r-legal", LEGAL, ["identity_contact", "criminal_court"], "active");
    const view = (officeRelease: ReleaseFacts[], overrides: Partial<MatterParties> = {}, me = prosecutor) => {
      const access = matterAccess(me, { ...matter, ...overrides }, { managesSurvivor: false, releases: liveReleases([...legalRelease, ...officeRelease], TODAY) });
      return access ? encode(access) : "none";
    };

    it("sees the court side and the petition without any release to the office", () => {
      expect(view([])).toBe("prosecutor/prosecutor see:PCF can:pcl");
    });
    it("sees the same, no more, when the release to the office lapsed or covers only identity", () => {
      expect(view(release("r-office", OFFICE, ["criminal_court"], "revoked"))).toBe("prosecutor/prosecutor see:PCF can:pcl");
      expect(view(release("r-office", OFFICE, ["criminal_court"], "expired"))).toBe("prosecutor/prosecutor see:PCF can:pcl");
      expect(view(release("r-office", OFFICE, ["identity_contact"], "active"))).toBe("prosecutor/prosecutor see:PCF can:pcl");
    });
    it("adds the convictions themselves only under a release covering court records", () => {
      expect(view(release("r-office", OFFICE, ["criminal_court"], "active"))).toBe("prosecutor/prosecutor see:PCFV can:pcl");
    });
    it("never sees contact, screens, notes, hours or workflow, whatever the office was released", () => {
      const all = release("r-office", OFFICE, ["identity_contact", "criminal_court", "case_notes", "referral_details"], "active");
      expect(view(all)).toBe("prosecutor/prosecutor see:PCFV can:pcl");
    });
    it("shows nothing to another office, or to the noticed office before notice", () => {
      expect(view([], {}, { ...prosecutor, organizationId: ELSEWHERE })).toBe("none");
      expect(view([], { noticeOn: null })).toBe("none");
      expect(view([], { prosecutorOfficeId: ELSEWHERE })).toBe("none");
    });
  });
});

describe("referralAccess: role × relation × state of the release to the recipient", () => {
  // own: the survivor's advocate's place; same_org: someone else in the survivor's organization;
  // assigned: the referral's recipient organization; other_org: an organization it was not sent to.
  const RELATIONS = ["own", "same_org", "assigned", "other_org"] as const;
  const referral = { fromOrganizationId: AGENCY, toOrganizationId: PARTNER, status: "sent", identified: true };

  it("answers every cell as the table says", () => {
    const actual: Record<string, string> = {};
    for (const { role, relation, state, key } of cells(RELATIONS)) {
      const me = { id: relation === "own" ? "u-own" : "u-someone", role, organizationId: role === "admin" ? null : { own: AGENCY, same_org: AGENCY, assigned: PARTNER, other_org: ELSEWHERE }[relation] };
      const releases = liveReleases(release("r", PARTNER, ["identity_contact", "referral_details"], state), TODAY);
      const manages = Boolean(survivorAccess(me, survivor, { sharedWithMe: false, releases })?.manage);
      const access = referralAccess(me, referral, { managesSurvivor: manages, releases });
      actual[key] = access ? `${access.side} identity:${access.identityReleaseIds ? "yes" : "no"} notes:${access.seeNotes ? "yes" : "no"} lapse:${access.lapse?.reason ?? "-"}` : "none";
    }
    const sender = (state: State) => `sender identity:${state === "active" ? "yes" : "no"} notes:yes lapse:${state === "active" ? "-" : state}`;
    const recipient = (state: State) => (state === "active" ? "recipient identity:yes notes:yes lapse:-" : `recipient identity:no notes:no lapse:${state}`);
    const rows: Record<string, string> = {};
    for (const state of STATES) {
      rows[`advocate/own/${state}`] = sender(state);
      rows[`program_lead/own/${state}`] = sender(state);
      rows[`program_lead/same_org/${state}`] = sender(state);
      // Who answers referrals: the recipient's program leads, attorneys and partner staff.
      for (const role of ["program_lead", "attorney", "partner"]) rows[`${role}/assigned/${state}`] = recipient(state);
    }
    expectTable(actual, rows);
  });

  it("never shows a draft to the recipient, and a withdrawn referral shows no identity", () => {
    const releases = liveReleases(release("r", PARTNER, ["identity_contact", "referral_details"], "active"), TODAY);
    const partner = { id: "u-p", role: "partner" as const, organizationId: PARTNER };
    expect(referralAccess(partner, { ...referral, status: "draft" }, { managesSurvivor: false, releases })).toBeNull();
    expect(referralAccess(partner, { ...referral, status: "withdrawn" }, { managesSurvivor: false, releases })).toMatchObject({ identityReleaseIds: null, seeNotes: false, lapse: null });
    expect(referralAccess(partner, { ...referral, identified: false }, { managesSurvivor: false, releases })).toMatchObject({ identityReleaseIds: null, lapse: null });
  });
});

describe("courtRecordAccess: role × relation × state of the release to the legal organization", () => {
  // own: the survivor's organization; same_org: the legal organization, not the assigned attorney;
  // assigned: the assigned attorney of the survivor's open matter; other_org: an organization with no release.
  const RELATIONS = ["own", "same_org", "assigned", "other_org"] as const;
  const matter: MatterParties = { organizationId: AGENCY, legalOrganizationId: LEGAL, attorneyId: "u-attorney", conflictStatus: "cleared", prosecutorOfficeId: null, noticeOn: null, status: "drafting" };

  it("answers every cell as the table says", () => {
    const actual: Record<string, string> = {};
    for (const { role, relation, state, key } of cells(RELATIONS)) {
      const me = {
        id: relation === "own" ? "u-own" : relation === "assigned" ? "u-attorney" : "u-someone",
        role,
        organizationId: role === "admin" ? null : { own: AGENCY, same_org: LEGAL, assigned: LEGAL, other_org: ELSEWHERE }[relation],
      };
      const releases = liveReleases(release("r", LEGAL, ["identity_contact", "criminal_court"], state), TODAY);
      // The loader tells survivorAccess whether the caller is the attorney on an open matter (the "assigned" relation here).
      const onOpenMatter = role === "attorney" && relation === "assigned";
      const access = courtRecordAccess(me, { survivor: survivorAccess(me, survivor, { sharedWithMe: false, releases, onOpenMatter }), matters: [matter], releases });
      actual[key] = access ? ["read", "edit", "screens"].filter((k) => access[k as "read" | "edit" | "screens"]).join("+") : "none";
    }
    expectTable(actual, {
      ...always("advocate/own", "read+edit+screens"),
      ...always("program_lead/own", "read+edit+screens"),
      // Under the release: the legal organization's lead reads them; the attorney on the matter also sees the screens and records them;
      // its other attorneys see nothing.
      "attorney/assigned/active": "read+edit+screens",
      "program_lead/same_org/active": "read",
      "program_lead/assigned/active": "read",
      "prosecutor/same_org/active": "read",
      "prosecutor/assigned/active": "read",
      "partner/same_org/active": "read",
      "partner/assigned/active": "read",
    });
  });

  it("closes them to the assigned attorney when the matter closes", () => {
    const me = { id: "u-attorney", role: "attorney" as const, organizationId: LEGAL };
    const releases = liveReleases(release("r", LEGAL, ["identity_contact", "criminal_court"], "active"), TODAY);
    // Once the matter is withdrawn the attorney is no longer on an open matter: the records are closed to them.
    const closed = courtRecordAccess(me, { survivor: survivorAccess(me, survivor, { sharedWithMe: false, releases, onOpenMatter: false }), matters: [{ ...matter, status: "withdrawn" }], releases });
    expect(closed).toBeNull();
  });
});
