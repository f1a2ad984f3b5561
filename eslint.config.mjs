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
  // Last, so nothing above loosens it (tests/unit/reports-lint.test.ts lints forbidden imports with this file).
  {
    files: ["lib/reports/**/*.ts", "lib/reports/**/*.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [REPORTS_IDENTITY_MODULES, REPORTS_TABLES] }] },
  },
  {
    files: ["lib/reports/columns.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [REPORTS_IDENTITY_MODULES] }] },
  },
];

export default config;
