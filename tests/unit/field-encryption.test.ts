import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";

// Each test loads the modules fresh with its own environment (the keyring is derived from it).
async function withKeys(current: Buffer, previous: Buffer[] = []) {
  vi.resetModules();
  vi.stubEnv("CLEARWAY_ENCRYPTION_KEY", current.toString("base64"));
  vi.stubEnv("CLEARWAY_PREVIOUS_ENCRYPTION_KEYS", previous.map((k) => k.toString("base64")).join(","));
  return import("@/lib/crypto/fields");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

const context = { field: "survivors.legal_name", rowId: "6f1c2b0e-0000-4000-8000-000000000001" };

describe("field encryption", () => {
  it("round-trips, never repeats a ciphertext, and never contains the plaintext", async () => {
    const { encryptField, decryptField } = await withKeys(randomBytes(32));
    const a = encryptField("Maria Quintero", context);
    const b = encryptField("Maria Quintero", context);
    expect(a).not.toBe(b);
    expect(a).not.toContain("Maria");
    expect(decryptField(a, context)).toBe("Maria Quintero");
    expect(encryptField("", context)).toBeNull();
  });

  it("refuses a ciphertext moved to another row or column, or tampered with", async () => {
    const { encryptField, decryptField } = await withKeys(randomBytes(32));
    const stored = encryptField("1994-03-02", context);
    expect(() => decryptField(stored, { ...context, rowId: "6f1c2b0e-0000-4000-8000-000000000002" })).toThrow(/authentication failed/);
    expect(() => decryptField(stored, { ...context, field: "survivors.phone" })).toThrow(/authentication failed/);
    const parts = stored.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    expect(() => decryptField([...parts.slice(0, 3), body.toString("base64url")].join("."), context)).toThrow(/authentication failed/);
  });

  it("still reads values written under a previous key after a rotation, and writes under the new one", async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = await withKeys(oldKey);
    const stored = before.encryptField("206-555-0100", context);
    const oldId = before.currentKeyId();

    const rotated = await withKeys(newKey, [oldKey]);
    expect(rotated.decryptField(stored, context)).toBe("206-555-0100");
    expect(rotated.currentKeyId()).not.toBe(oldId);
    expect(rotated.encryptField("x", context).split(".")[1]).toBe(rotated.currentKeyId());

    const forgotten = await withKeys(newKey);
    expect(() => forgotten.decryptField(stored, context)).toThrow(/not configured/);
  });

  it("makes blind indexes that match regardless of case, accents and spacing, and differ by date of birth", async () => {
    const { identityIndex, nameIndex } = await withKeys(randomBytes(32));
    expect(nameIndex("María  de la Cruz")).toBe(nameIndex("maria de la-cruz"));
    expect(identityIndex("Ann Lee", "1990-01-01")).toBe(identityIndex("ANN LEE ", "1990-01-01"));
    expect(identityIndex("Ann Lee", "1990-01-01")).not.toBe(identityIndex("Ann Lee", "1990-01-02"));
    expect(nameIndex("Ann Lee")).not.toContain("ann");
  });
});
