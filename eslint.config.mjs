import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// lib/reports is a room of its own (DESIGN.md): aggregates only. It never reaches identity, so it may
// not import the crypto modules or any module that opens a survivor's identity or reads whole records,
// and it reads tables only through the allow-list of de-identified columns in lib/reports/columns.ts.
const REPORTS_IDENTITY_MODULES = {
  group: [
    "**/crypto",
    "**/crypto/*",
    "**/survivors/identity*",
    "**/survivors/search*",
    "**/survivors/access*",
    "**/survivors/commands*",
    "**/survivors/queries/*",
    "**/referrals/queries*",
    "**/referrals/commands*",
    "**/vacatur/queries/*",
    "**/vacatur/records*",
    "**/vacatur/matter-writes*",
    "**/vacatur/documents*",
  ],
  message: "lib/reports reads aggregates only: it must not import crypto, identity or record modules.",
};
const REPORTS_TABLES = {
  group: ["**/db/schema/*", "@/db/schema/*"],
  message: "lib/reports reads tables only through the allow-list in lib/reports/columns.ts.",
};

// The demand side (sex buyers' fee cases, operations, jurisdictions) has no link to any survivor
// (DESIGN.md): its rooms may not import the survivor side, and the survivor side may not import them.
const SURVIVOR_SIDE = {
  group: [
    "**/survivors",
    "**/survivors/*",
    "**/survivors/**",
    "**/releases/*",
    "**/referrals/*",
    "**/vacatur/*",
    "**/vacatur/**",
    "**/crypto",
    "**/crypto/*",
    "**/reports/*",
    "**/notifications/*",
    "**/db/schema/survivors",
    "**/db/schema/releases",
    "**/db/schema/referrals",
    "**/db/schema/vacatur",
    "@/db/schema/survivors",
    "@/db/schema/releases",
    "@/db/schema/referrals",
    "@/db/schema/vacatur",
  ],
  message: "The demand side has no link to any survivor: it must not import the survivor side.",
};
const DEMAND_SIDE = {
  group: ["**/fees/*", "**/operations/*", "**/jurisdictions/*", "**/db/schema/fees", "@/db/schema/fees", "@/lib/fees/*", "@/lib/operations/*", "@/lib/jurisdictions/*"],
  message: "The survivor side must not import the demand side (fees, operations, jurisdictions).",
};
const DEMAND_FILES = ["lib/fees/**/*.ts", "lib/operations/**/*.ts", "lib/jurisdictions/**/*.ts", "db/schema/fees.ts", "db/demo-fees.ts"];
const SURVIVOR_FILES = ["lib/survivors/**/*.ts", "lib/releases/**/*.ts", "lib/referrals/**/*.ts", "lib/vacatur/**/*.ts", "lib/reports/**/*.ts", "lib/notifications/**/*.ts", "db/schema/survivors.ts", "db/schema/releases.ts", "db/schema/referrals.ts", "db/schema/vacatur.ts"];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "node_modules/**", "db/migrations/**", "data/**", ".e2e-data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.property.name='only']", message: "No focused tests (.only) in committed code." },
      ],
    },
  },
  {
    // Pages, layouts and components read data through lib/ (the data-access layer), never from db/ directly.
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/db", "@/db/*", "../**/db/*"], message: "app/ must not import db/: go through lib/<area>/queries.ts or commands.ts." }] }],
    },
  },
  { files: DEMAND_FILES, rules: { "no-restricted-imports": ["error", { patterns: [SURVIVOR_SIDE] }] } },
  { files: SURVIVOR_FILES, rules: { "no-restricted-imports": ["error", { patterns: [DEMAND_SIDE] }] } },
  // Last, so nothing above loosens it (tests/unit/reports-lint.test.ts lints forbidden imports with this file).
  {
    files: ["lib/reports/**/*.ts", "lib/reports/**/*.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [REPORTS_IDENTITY_MODULES, REPORTS_TABLES, DEMAND_SIDE] }] },
  },
  {
    files: ["lib/reports/columns.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [REPORTS_IDENTITY_MODULES, DEMAND_SIDE] }] },
  },
];

export default config;
