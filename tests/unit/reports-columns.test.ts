import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { REPORT_SOURCES } from "@/lib/reports/columns";

// lib/reports reads only the allow-list in lib/reports/columns.ts: no identity field, name, client code,
// note, reason or case number may ever be in it (nor in the SQL it runs).

const IDENTITY = /enc$|index(es)?$|search_?tokens|legal_?name|preferred_?name|client_?code|alias|date_?of_?birth|phone|email|address|code_?word|do_?not_?contact|note|reason_?enc|case_?number|blocker|description|summary|purpose|guardian|pronouns/i;

describe("the reports' allow-list", () => {
  it("holds de-identified columns only", () => {
    for (const [source, subquery] of Object.entries(REPORT_SOURCES)) {
      const fields = Object.keys(subquery._.selectedFields);
      expect(fields.length, source).toBeGreaterThan(0);
      for (const field of fields) expect(field, `${source}.${field}`).not.toMatch(IDENTITY);
    }
  });

  it("never reads an identity column, even inside a derived figure", () => {
    const dialect = new PgDialect({ casing: "snake_case" });
    for (const [source, subquery] of Object.entries(REPORT_SOURCES)) {
      const text = dialect.sqlToQuery(sql`select * from ${subquery}`).sql;
      for (const column of text.match(/"[a-z_]+"/g) ?? []) expect(column, `${source}: ${text}`).not.toMatch(IDENTITY);
    }
  });

  it("lets staff and organizations be named, and survivors never", () => {
    expect(Object.keys(REPORT_SOURCES.reportStaff._.selectedFields)).toContain("name");
    expect(Object.keys(REPORT_SOURCES.reportSurvivors._.selectedFields)).not.toContain("name");
    expect(Object.keys(REPORT_SOURCES.reportSurvivors._.selectedFields).sort()).toEqual(
      ["ageBand", "assignedAdvocateId", "county", "genderIdentity", "id", "intakeDate", "organizationId", "raceEthnicity", "referralSource", "status", "statusChangedAt", "victimizationTypes"].sort(),
    );
  });
});

describe("the SQL written by hand in lib/reports", () => {
  it("names no identity column either (the funder report counts in one statement of its own)", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const dir = path.resolve(import.meta.dirname, "../../lib/reports");
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "columns.ts");
    let templates = 0;
    for (const file of files) {
      const source = fs.readFileSync(path.join(dir, file), "utf8");
      for (const [, body] of source.matchAll(/sql`([\s\S]*?)`/g)) {
        templates += 1;
        const text = body!.replace(/\$\{[^}]*\}/g, " ");
        for (const word of text.match(/\b[a-z][a-z0-9_]*\b/gi) ?? []) expect(word, `${file}: ${text.slice(0, 200)}`).not.toMatch(IDENTITY);
      }
    }
    expect(templates).toBeGreaterThan(0);
  });
});
