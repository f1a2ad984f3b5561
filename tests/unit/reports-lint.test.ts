import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// Lint keeps lib/reports a room of its own (eslint.config.mjs): no crypto or identity modules, and tables
// only through the allow-list in lib/reports/columns.ts. Linted with the project's own configuration.

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(code: string, filePath: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.some((m) => m.ruleId === "no-restricted-imports");
}

describe("lib/reports imports", () => {
  it("refuses the crypto and identity modules, and tables outside the allow-list", { timeout: 60_000 }, async () => {
    expect(await restricted('import { decryptField } from "../crypto/fields";\nvoid decryptField;\n', "lib/reports/service.ts")).toBe(true);
    expect(await restricted('import { decryptField } from "@/lib/crypto/fields";\nvoid decryptField;\n', "lib/reports/service.ts")).toBe(true);
    expect(await restricted('import { openIdentity } from "../survivors/identity";\nvoid openIdentity;\n', "lib/reports/service.ts")).toBe(true);
    expect(await restricted('import { survivors } from "../../db/schema/survivors";\nvoid survivors;\n', "lib/reports/service.ts")).toBe(true);
    expect(await restricted('import { openIdentity } from "../survivors/identity";\nvoid openIdentity;\n', "lib/reports/columns.ts")).toBe(true);
  });

  it("allows the allow-list itself to read the schema, and other rooms their own imports", { timeout: 60_000 }, async () => {
    expect(await restricted('import { survivors } from "../../db/schema/survivors";\nvoid survivors;\n', "lib/reports/columns.ts")).toBe(false);
    expect(await restricted('import { median } from "./figures";\nvoid median;\n', "lib/reports/service.ts")).toBe(false);
    expect(await restricted('import { decryptField } from "../crypto/fields";\nvoid decryptField;\n', "lib/referrals/queries.ts")).toBe(false);
  });
});
