import { describe, expect, it } from "vitest";
import { createReleaseSchema } from "@/lib/releases/schema";
import { daysUntilExpiry, defaultExpiry, expiresSoon, releaseStatus } from "@/lib/releases/rules";

const release = { signedOn: "2026-11-01", expiresOn: "2026-12-01", revokedAt: null };

describe("release rules", () => {
  it("defaults the expiry to 90 days after signing (RCW 70.123.076)", () => {
    expect(defaultExpiry("2026-11-01")).toBe("2027-01-30");
    expect(defaultExpiry("2028-01-15")).toBe("2028-04-14");
  });

  it("is active from the signing day through the whole expiry day, and revocation wins at once", () => {
    expect(releaseStatus(release, "2026-10-31")).toBe("not_yet_effective");
    expect(releaseStatus(release, "2026-11-01")).toBe("active");
    expect(releaseStatus(release, "2026-12-01")).toBe("active");
    expect(releaseStatus(release, "2026-12-02")).toBe("expired");
    expect(releaseStatus({ ...release, revokedAt: new Date() }, "2026-11-15")).toBe("revoked");
  });

  it("warns within 14 days of expiry", () => {
    expect(daysUntilExpiry(release, "2026-11-17")).toBe(14);
    expect(expiresSoon(release, "2026-11-17")).toBe(true);
    expect(expiresSoon(release, "2026-11-16")).toBe(false);
    expect(expiresSoon(release, "2026-12-02")).toBe(false);
  });

  it("requires an expiry, at most a year out, and the no-conditions acknowledgment", () => {
    const base = {
      survivorId: "6f1c2b0e-0000-4000-8000-000000000001",
      recipientOrganizationId: "6f1c2b0e-0000-4000-8000-000000000002",
      categories: ["case_notes"],
      purpose: "Housing application",
      form: "written",
      signedOn: "2026-11-01",
      expiresOn: "2027-01-30",
      servicesNotConditioned: true,
      idempotencyKey: "0b7e6f4a-2c1d-4e5f-8a9b-1c2d3e4f5a6b",
    };
    expect(createReleaseSchema.safeParse(base).success).toBe(true);
    const errors = (input: object) => Object.keys(createReleaseSchema.safeParse({ ...base, ...input }).error?.flatten().fieldErrors ?? {});
    expect(errors({ expiresOn: "" })).toEqual(["expiresOn"]);
    expect(errors({ expiresOn: "2026-10-01" })).toEqual(["expiresOn"]);
    expect(errors({ expiresOn: "2027-12-01" })).toEqual(["expiresOn"]);
    expect(errors({ servicesNotConditioned: false })).toEqual(["servicesNotConditioned"]);
    expect(errors({ categories: [] })).toEqual(["categories"]);
  });
});
