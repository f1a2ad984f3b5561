import fs from "node:fs";
import { defineConfig, devices, type PlaywrightTestConfig } from "@playwright/test";

// Browser tests run against the production build (`next build`, made once by `npm run test:e2e`) on a
// fresh database per run: always the embedded PGlite, and, when E2E_DATABASE_URL names a PostgreSQL
// database, the same tests again against a second server on PostgreSQL, in the same run (see
// tests/e2e/support/serve.ts). Debian's Chromium is used where it is installed, preferably its headless
// shell (package chromium-headless-shell: the same engine without the full browser's UI, which is what
// Playwright itself runs headless; on a 2-core machine the suite takes about a quarter less time);
// elsewhere Playwright's own browser (npx playwright install chromium).

const basePort = Number(process.env.E2E_PORT ?? 3100);
const postgresUrl = process.env.E2E_DATABASE_URL;
const debianChromium = ["/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium"].find((path) => fs.existsSync(path));

// With both databases, each story runs once, on one of them: these specs on PostgreSQL, the rest on the
// embedded PGlite that `npm start` uses. Both halves are full stories (sign-in to saved record) and
// the data layer itself runs on both databases in the integration tests, so what differs between the
// databases is covered twice while the browser's time, most of the run on a 2-core machine, is spent
// once. CLEARWAY_E2E_EVERY_DATABASE=1 runs every spec on both (before a release, or on a bigger machine).
const POSTGRES_SPECS = [
  "admin-access.spec.ts",
  "admin-users.spec.ts",
  "dashboard.spec.ts",
  "exports.spec.ts",
  "fees.spec.ts",
  "hostile-input.spec.ts",
  "matter-desk.spec.ts",
  "pro-bono-hours.spec.ts",
  "vacatur.spec.ts",
];
const everySpecOnBoth = process.env.CLEARWAY_E2E_EVERY_DATABASE === "1";
const specsOf = (name: string): Pick<PlaywrightTestConfig, "testMatch" | "testIgnore"> => {
  if (!postgresUrl || everySpecOnBoth) return {};
  const postgresOnly = POSTGRES_SPECS.map((file) => `**/${file}`);
  return name === "postgres" ? { testMatch: postgresOnly } : { testIgnore: postgresOnly };
};

const servers = [
  // (the commands inherit this process's environment: the embedded server must not see the PostgreSQL URL)
  { name: "pglite", port: basePort, env: { E2E_DATABASE_URL: "" } as Record<string, string> },
  ...(postgresUrl ? [{ name: "postgres", port: basePort + 1, env: { E2E_DATABASE_URL: postgresUrl } }] : []),
];

const webServer: PlaywrightTestConfig["webServer"] = servers.map((server) => ({
  command: "npx tsx tests/e2e/support/serve.ts",
  url: `http://localhost:${server.port}/sign-in`,
  timeout: 300_000,
  reuseExistingServer: false,
  stdout: "pipe" as const,
  stderr: "pipe" as const,
  env: { PORT: String(server.port), ...server.env },
}));

export default defineConfig({
  testDir: "tests/e2e",
  // Generous per test: four browsers and two servers share two cores, so a story of twenty steps can
  // take a minute. A stuck step fails on its own: 10 s for an expectation, 20 s for an action (a click on a
  // label that no longer exists), 30 s for a page load — not after the whole test's time.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // Tests, not files, are shared out among the workers: a file of six long stories no longer runs alone
  // at the end while the other workers wait. (Every test makes its own records and accounts.)
  fullyParallel: true,
  // Two browsers per database: the machines this runs on have two cores, and the tests mostly wait.
  workers: 2 * servers.length,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  use: {
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    launchOptions: debianChromium
      ? {
          executablePath: debianChromium,
          args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"],
        }
      : {},
  },
  projects: servers.map((server) => ({
    name: server.name,
    ...specsOf(server.name),
    use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${server.port}` },
  })),
  webServer,
});
