import { ESLint } from "eslint";
import { getTableColumns } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { allocationPolicies, feeCases, feeLedgerEntries, feePayments, jurisdictions, operations } from "@/db/schema/fees";

// The demand side has no link to any survivor (DESIGN.md, issue 14): lint keeps the rooms apart in both
// directions (eslint.config.mjs, linted here with the project's own configuration), and no demand-side
// table has a column that could point to a survivor, a referral, a release or a matter.

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(code: string, filePath: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.some((m) => m.ruleId === "no-restricted-imports");
}

describe("the demand side's rooms", () => {
  it("may not import the survivor side", { timeout: 60_000 }, async () => {
    expect(await restricted('import { survivors } from "../../db/schema/survivors";\nvoid survivors;\n', "lib/fees/queries.ts")).toBe(true);
    expect(await restricted('import { loadSurvivor } from "../survivors/access";\nvoid loadSurvivor;\n', "lib/operations/queries.ts")).toBe(true);
    expect(await restricted('import { decryptField } from "../crypto/fields";\nvoid decryptField;\n', "lib/jurisdictions/commands.ts")).toBe(true);
    expect(await restricted('import { survivors } from "./survivors";\nvoid survivors;\n', "db/schema/fees.ts")).toBe(true);
    expect(await restricted('import { referrals } from "@/db/schema/referrals";\nvoid referrals;\n', "lib/fees/commands.ts")).toBe(true);
  });

  it("may not be imported by the survivor side or the reports", { timeout: 60_000 }, async () => {
    expect(await restricted('import { feeCases } from "../../db/schema/fees";\nvoid feeCases;\n', "lib/survivors/commands.ts")).toBe(true);
    expect(await restricted('import { loadFeeScope } from "../fees/access";\nvoid loadFeeScope;\n', "lib/reports/service.ts")).toBe(true);
    expect(await restricted('import { operations } from "@/db/schema/fees";\nvoid operations;\n', "lib/vacatur/commands.ts")).toBe(true);
  });

  it("may import each other and the shared foundation", { timeout: 60_000 }, async () => {
    expect(await restricted('import { loadFeeScope } from "../fees/access";\nvoid loadFeeScope;\n', "lib/operations/queries.ts")).toBe(false);
    expect(await restricted('import { organizations } from "../../db/schema/organizations";\nvoid organizations;\n', "lib/fees/queries.ts")).toBe(false);
    expect(await restricted('import { recordAudit } from "../audit/record";\nvoid recordAudit;\n', "lib/fees/commands.ts")).toBe(false);
  });

  it("has no column that could point to a survivor, a referral, a release or a matter", () => {
    const allowed = new Set(["jurisdictions", "allocation_policies", "operations", "fee_cases", "fee_payments", "organizations", "users"]);
    for (const table of [jurisdictions, allocationPolicies, operations, feeCases, feePayments, feeLedgerEntries]) {
      const config = getTableConfig(table);
      for (const key of config.foreignKeys) expect(allowed, `${config.name} references ${getTableConfig(key.reference().foreignTable).name}`).toContain(getTableConfig(key.reference().foreignTable).name);
      // (operations count the referrals to services they made: a number, not a link)
      for (const name of Object.keys(getTableColumns(table))) expect(name).not.toMatch(/survivor|releaseId|referralId|matter|client|advocate/i);
    }
  });
});
