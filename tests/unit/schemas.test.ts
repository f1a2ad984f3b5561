import { describe, expect, it } from "vitest";
import { describeChanges } from "@/lib/audit/record";
import { changePasswordSchema, newPasswordSchema, safeCallbackPath } from "@/lib/auth/schema";
import { endOfPacificDay, startOfPacificDay } from "@/lib/format";
import { createOrganizationSchema, updateOrganizationSchema } from "@/lib/organizations/schema";
import { createUserSchema, updateUserSchema } from "@/lib/users/schema";
import { recordConclusionSchema } from "@/lib/vacatur/schema";

describe("passwords", () => {
  it("need 12 to 128 characters and nothing else", () => {
    expect(newPasswordSchema.safeParse("eleven char").success).toBe(false);
    expect(newPasswordSchema.safeParse("twelve chars").success).toBe(true);
    expect(newPasswordSchema.safeParse("alllowercasewordsonly").success).toBe(true);
    expect(newPasswordSchema.safeParse("            x").success).toBe(false);
    expect(newPasswordSchema.safeParse("x".repeat(128)).success).toBe(true);
    expect(newPasswordSchema.safeParse("x".repeat(129)).success).toBe(false);
  });

  it("must be confirmed and differ from the current one", () => {
    const result = changePasswordSchema.safeParse({ currentPassword: "same password 1", newPassword: "same password 1", confirmPassword: "different" });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["confirmPassword", "newPassword"]));
  });
});

describe("after sign-in", () => {
  it("follows only same-site paths", () => {
    expect(safeCallbackPath("/admin/users?role=advocate")).toBe("/admin/users?role=advocate");
    expect(safeCallbackPath("/survivors/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f?before=12#notes")).toBe("/survivors/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f?before=12#notes");
    expect(safeCallbackPath("/survivors?q=%C3%A9")).toBe("/survivors?q=%C3%A9");
    expect(safeCallbackPath("https://evil.example")).toBeNull();
    expect(safeCallbackPath("//evil.example")).toBeNull();
    expect(safeCallbackPath("/\\evil.example")).toBeNull();
    expect(safeCallbackPath("/sign-in")).toBeNull();
    expect(safeCallbackPath("/api/auth/signout")).toBeNull();
    expect(safeCallbackPath(undefined)).toBeNull();
    expect(safeCallbackPath("")).toBeNull();
  });

  it("are decided after parsing the path as a browser does, so nothing leads off the site", () => {
    // What the sign-in page receives for ?callbackUrl=/%09/evil.example: a tab, which browsers drop.
    expect(safeCallbackPath("/\t/evil.example")).toBeNull();
    expect(safeCallbackPath("/\n/evil.example")).toBeNull();
    // Still percent-encoded, it is a path on this site.
    expect(safeCallbackPath("/%09/evil.example")).toBe("/%09/evil.example");
    // Dot segments that collapse into "//host".
    expect(safeCallbackPath("/.//evil.example")).toBeNull();
    expect(safeCallbackPath("/a/..//evil.example")).toBeNull();
    expect(safeCallbackPath("/x/../\\evil.example")).toBeNull();
    expect(safeCallbackPath("/./sign-in")).toBeNull();
    expect(safeCallbackPath("javascript:alert(1)")).toBeNull();
    expect(safeCallbackPath("evil.example")).toBeNull();
  });

  it("refuse control characters and non-ASCII (home instead), never throw", () => {
    for (const value of ["/\u0000", "/a\u0000b", "/\u001b[31m", "/\u007f", "/é", "/a b", "/\u202Eevil", "/" + "a".repeat(2048)]) {
      expect(safeCallbackPath(value), JSON.stringify(value)).toBeNull();
    }
  });

  it("accept Auth.js's absolute URLs only on our own origin (its redirect callback)", () => {
    const origin = "https://clearway.example.org";
    expect(safeCallbackPath("https://clearway.example.org/matters?scope=mine", origin)).toBe("/matters?scope=mine");
    expect(safeCallbackPath("/matters", origin)).toBe("/matters");
    expect(safeCallbackPath("https://clearway.example.org.evil.example/", origin)).toBeNull();
    expect(safeCallbackPath("http://clearway.example.org/matters", origin)).toBeNull();
    expect(safeCallbackPath("https://clearway.example.org/sign-in?error=x", origin)).toBeNull();
    expect(safeCallbackPath("https://evil.example/", origin)).toBeNull();
  });
});

describe("form schemas", () => {
  const idempotencyKey = "0b7e6f4a-2c1d-4e5f-8a9b-1c2d3e4f5a6b";
  const user = { name: " Rosa ", email: " Rosa@Agency.ORG ", role: "advocate", organizationId: "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", password: "long enough pw", confirmPassword: "long enough pw", idempotencyKey };

  it("normalize what people type", () => {
    expect(createUserSchema.parse(user)).toMatchObject({ name: "Rosa", email: "rosa@agency.org" });
  });

  it("accept their own output, so the server can parse what the form already parsed", () => {
    for (const [schema, input] of [
      [createUserSchema, user],
      [updateUserSchema, { ...user, id: "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", version: "3" }],
      [createOrganizationSchema, { name: "Harbor", type: "service_provider", county: "", services: ["housing", "housing"], idempotencyKey }],
      [updateOrganizationSchema, { name: "Harbor", type: "court", county: "King", services: [], id: "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", version: 1 }],
    ] as const) {
      const once = schema.parse(input);
      expect(schema.parse(once)).toEqual(once);
    }
  });

  it("require an organization for everyone but admins, with the message on that field", () => {
    const result = createUserSchema.safeParse({ ...user, organizationId: "" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["organizationId"] });
    expect(createUserSchema.safeParse({ ...user, role: "admin", organizationId: "" }).success).toBe(true);
    expect(createUserSchema.safeParse({ ...user, organizationId: "not-a-uuid" }).error?.issues[0]?.message).toBe("Choose an organization from the list.");
  });

  it("record no attorney's conclusion that nobody chose: the form starts empty and an empty choice is refused on its field", () => {
    const conclusion = { matterId: "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", version: 2, convictionId: "0b7e6f4a-2c1d-4e5f-8a9b-1c2d3e4f5a6b", route: "", note: "" };
    const refused = recordConclusionSchema.safeParse({ ...conclusion, conclusion: "" });
    expect(refused.error?.issues[0]).toMatchObject({ path: ["conclusion"], message: "Choose your conclusion." });
    expect(recordConclusionSchema.safeParse({ ...conclusion, conclusion: "needs_more" }).success).toBe(true);
  });

  it("an 'Eligible' conclusion names its route, which becomes the draft's statutory basis", () => {
    const conclusion = { matterId: "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", version: 2, convictionId: "0b7e6f4a-2c1d-4e5f-8a9b-1c2d3e4f5a6b", note: "" };
    for (const route of ["", "none"]) {
      const refused = recordConclusionSchema.safeParse({ ...conclusion, conclusion: "eligible", route });
      expect(refused.error?.issues[0]).toMatchObject({ path: ["route"], message: "Choose the route the petition will use: it becomes the draft's statutory basis." });
    }
    expect(recordConclusionSchema.safeParse({ ...conclusion, conclusion: "eligible", route: "rcw_9_96_080" }).success).toBe(true);
    expect(recordConclusionSchema.safeParse({ ...conclusion, conclusion: "not_eligible", route: "" }).success).toBe(true);
  });
});

describe("audit change descriptions", () => {
  it("list only changed fields, with values only where they may be logged", () => {
    const before = { name: "A", role: "advocate", services: ["legal", "housing"], secret: "x" };
    const after = { name: "B", role: "advocate", services: ["housing", "legal"], secret: "y" };
    expect(describeChanges(before, after, ["name", "role", "services", "secret"], ["name", "role", "services"])).toEqual({
      name: { from: "A", to: "B" },
      secret: { changed: true },
    });
  });
});

describe("Pacific dates", () => {
  it("turn a calendar day into its Pacific start and end, across daylight-saving changes", () => {
    expect(startOfPacificDay("2026-07-01")?.toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(startOfPacificDay("2026-12-01")?.toISOString()).toBe("2026-12-01T08:00:00.000Z");
    // Nov 1, 2026 is 25 hours long in Pacific time.
    expect(endOfPacificDay("2026-11-01")?.toISOString()).toBe("2026-11-02T08:00:00.000Z");
    expect(startOfPacificDay("2026-02-30")).toBeNull();
    expect(startOfPacificDay("yesterday")).toBeNull();
  });
});
