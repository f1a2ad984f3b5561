import { describe, expect, it } from "vitest";
import { matterAbilities, matterSide, releasesForMatter, type MatterParties } from "@/lib/auth/policy";

const matter: MatterParties = {
  organizationId: "ops",
  legalOrganizationId: "legal-hope",
  attorneyId: "daniel",
  conflictStatus: "cleared",
  prosecutorOfficeId: "kcpao",
  noticeOn: "2026-10-02",
};
const advocate = { id: "rosa", role: "advocate" as const, organizationId: "ops" };
const attorney = { id: "daniel", role: "attorney" as const, organizationId: "legal-hope" };
const colleague = { id: "amara", role: "attorney" as const, organizationId: "legal-hope" };
const legalLead = { id: "lena", role: "program_lead" as const, organizationId: "legal-hope" };
const prosecutor = { id: "priya", role: "prosecutor" as const, organizationId: "kcpao" };

describe("matterSide", () => {
  it("puts each party on its side and everyone else nowhere", () => {
    expect(matterSide(advocate, matter, true)).toBe("owner");
    expect(matterSide(advocate, matter, false)).toBeNull();
    expect(matterSide(attorney, matter, false)).toBe("legal");
    expect(matterSide(legalLead, matter, false)).toBe("legal");
    expect(matterSide(prosecutor, matter, false)).toBe("prosecutor");
    expect(matterSide({ ...attorney, organizationId: "other-legal" }, matter, false)).toBeNull();
    expect(matterSide({ ...prosecutor, organizationId: "seattle-city-attorney" }, matter, false)).toBeNull();
    expect(matterSide({ id: "m", role: "admin", organizationId: null }, matter, false)).toBeNull();
    expect(matterSide({ id: "j", role: "partner", organizationId: "legal-hope" }, matter, false)).toBeNull();
  });

  it("hides a matter from its prosecuting office until notice is given", () => {
    expect(matterSide(prosecutor, { ...matter, noticeOn: null }, false)).toBeNull();
  });
});

describe("matterAbilities", () => {
  it("keeps the details from the legal side until the assigned attorney attests to no conflict", () => {
    const pending = { ...matter, conflictStatus: "pending" as const };
    expect(matterAbilities(attorney, pending, "legal")).toMatchObject({ viewDetails: false, attestConflict: true, moveAsAttorney: false, attorneyNotes: false });
    expect(matterAbilities(colleague, pending, "legal")).toMatchObject({ viewDetails: false, attestConflict: false });
    expect(matterAbilities(attorney, matter, "legal")).toMatchObject({ viewDetails: true, attestConflict: false, moveAsAttorney: true, generateDocuments: true });
  });

  it("keeps attorney notes to attorneys of the legal organization", () => {
    expect(matterAbilities(attorney, matter, "legal").attorneyNotes).toBe(true);
    expect(matterAbilities(colleague, matter, "legal").attorneyNotes).toBe(true);
    expect(matterAbilities(legalLead, matter, "legal").attorneyNotes).toBe(false);
    expect(matterAbilities(advocate, matter, "owner").attorneyNotes).toBe(false);
    expect(matterAbilities(prosecutor, matter, "prosecutor").attorneyNotes).toBe(false);
  });

  it("lets only the assigned attorney move the legal steps, and the survivor's side hold or withdraw", () => {
    expect(matterAbilities(colleague, matter, "legal").moveAsAttorney).toBe(false);
    expect(matterAbilities(advocate, matter, "owner")).toMatchObject({ moveAsAttorney: false, moveAsOwner: true, assignAttorney: false });
    expect(matterAbilities({ ...advocate, role: "program_lead" }, matter, "owner").assignAttorney).toBe(true);
    expect(matterAbilities(legalLead, matter, "legal").assignAttorney).toBe(true);
  });

  it("gives a prosecutor their office's position and the communications log, nothing else", () => {
    const abilities = matterAbilities(prosecutor, matter, "prosecutor");
    const granted = Object.entries(abilities).filter(([, v]) => v).map(([k]) => k).sort();
    expect(granted).toEqual(["addCommunication", "recordPosition", "viewDetails"]);
  });
});

describe("releasesForMatter", () => {
  it("needs one release to the organization covering identity and criminal-history records", () => {
    const both = { id: "r1", recipientOrganizationId: "legal-hope", categories: ["identity_contact", "criminal_court"] as const };
    const identityOnly = { id: "r2", recipientOrganizationId: "legal-hope", categories: ["identity_contact"] as const };
    const elsewhere = { id: "r3", recipientOrganizationId: "best", categories: ["identity_contact", "criminal_court"] as const };
    expect(releasesForMatter("legal-hope", [both, identityOnly, elsewhere])).toEqual(["r1"]);
    expect(releasesForMatter("legal-hope", [identityOnly, elsewhere])).toEqual([]);
  });
});
