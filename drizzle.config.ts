import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` is used: it diffs db/schema against the committed snapshots and
// writes SQL to db/migrations. Migrations are applied by db/migrate.ts (start-up, tests and CI),
// never by `drizzle-kit migrate` or `push`, so no second process ever opens the embedded database.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema",
  out: "./db/migrations",
  casing: "snake_case",
  strict: true,
  verbose: true,
});
