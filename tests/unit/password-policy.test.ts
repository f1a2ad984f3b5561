import { describe, expect, it } from "vitest";
import { commonPasswords, passwordProblem } from "../../lib/auth/password-policy";
import { PASSWORD_MIN_LENGTH } from "../../lib/auth/schema";

describe("the password policy beyond length", () => {
  it("holds the breached list's entries that are long enough to pass the length rule", () => {
    const list = commonPasswords();
    // The top-1M list's entries of 12+ characters (the rest are refused for length anyway).
    expect(list.size).toBeGreaterThan(40_000);
    expect([...list].every((p) => p.length >= PASSWORD_MIN_LENGTH)).toBe(true);
    // (reading the 8.5 MB list takes a tenth of a second, several on a machine busy with other work)
  }, 20_000);

  it("refuses a breached password, whatever its case", () => {
    for (const password of ["password1234", "qwertyuiop123", "PASSWORD1234", "iloveyou1234", "password 12345"]) {
      expect(passwordProblem(password), password).toMatch(/leaked in data breaches/);
    }
  });

  it("refuses the account's name or email, and the product's name", () => {
    const account = { name: "Rosa Martínez", email: "rosa.martinez@ops.example" };
    expect(passwordProblem("my name is rosa and I like tea", account)).toMatch(/account's name or email/);
    expect(passwordProblem("MARTÍNEZ family garden 7", account)).toMatch(/account's name or email/);
    expect(passwordProblem("rosa.martinez@ops.example", account)).toMatch(/account's name or email/);
    expect(passwordProblem("Clear-Way to the harbour", account)).toMatch(/Clearway/);
  });

  it("refuses a word of the account's organization's name, but not a short one or one inside a longer word", () => {
    const account = { name: "Daniel Okafor", email: "dokafor@legalhope.example", organizationName: "Legal Hope" };
    expect(passwordProblem("there is always hope 42", account)).toMatch(/organization's name/);
    expect(passwordProblem("LEGAL pads and pencils", account)).toMatch(/organization's name/);
    expect(passwordProblem("a hopeful morning walk", account)).toBeNull();
    expect(passwordProblem("one of the seven seas", { name: "Sam Ortega", email: "x@kent.example", organizationName: "Office of the Kent Police" })).toBeNull();
  });

  it("does not refuse a name inside a longer word", () => {
    expect(passwordProblem("savannah bookmark willows", { name: "Anna Mark Will", email: "team@ops.example" })).toBeNull();
    expect(passwordProblem("steps to the harbor 12", { name: "Dara Quist", email: "two-step-x1@example.test" })).toBeNull();
    // A short word of the email is not the account's: "two" of "two-step" may be a word of the password.
    expect(passwordProblem("a passphrase for two steps", { name: "Dara Quist", email: "two-step-x1@example.test" })).toBeNull();
    expect(passwordProblem("a passphrase for sam", { name: "Sam Ortiz", email: "x@ops.example" })).toMatch(/account's name or email/);
    expect(passwordProblem("anna likes the harbor", { name: "Anna Mark", email: "x@ops.example" })).toMatch(/account's name or email/);
  });

  it("accepts an unremarkable passphrase, and short name parts do not count", () => {
    expect(passwordProblem("violet harbor stapler 42", { name: "Al Li", email: "al@ops.example" })).toBeNull();
    expect(passwordProblem("orchard lantern quietly 9")).toBeNull();
  });
});
