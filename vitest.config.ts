import net from "node:net";
import os from "node:os";
import path from "node:path";
import { configDefaults, defineConfig, type ViteUserConfig } from "vitest/config";
import { postgresServerUrl } from "./tests/support/postgres-server";

// Three projects: pure unit tests; the data layer against an in-memory PGlite (always); and the same
// integration tests against a real Postgres when one is reachable (DATABASE_URL's server, or the
// local one on 127.0.0.1:5432). CI sets CLEARWAY_REQUIRE_POSTGRES=1 so an unreachable server fails
// the run instead of quietly leaving the project out.

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || "127.0.0.1", port: Number(port || 5432) });
    socket.setTimeout(1500);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

export default defineConfig(async (): Promise<ViteUserConfig> => {
  const serverUrl = postgresServerUrl();
  const postgresUp = await reachable(serverUrl);
  if (!postgresUp) {
    const message = `Postgres at ${new URL(serverUrl).host} is not reachable: integration tests run on PGlite only.`;
    if (process.env.CLEARWAY_REQUIRE_POSTGRES === "1") throw new Error(message);
    console.warn(`\n${message}\n`);
  }

  const shared = {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // The Next.js guard module throws outside React Server Components; tests call the data layer directly.
      "server-only": path.resolve(import.meta.dirname, "tests/support/server-only.ts"),
    },
  };
  const env = { CLEARWAY_DATA_DIR: "memory://", DATABASE_URL: "", NODE_ENV: "test" as const };
  // PostgreSQL's own behaviour, nothing PGlite can stand in for: the query plans of the main pages.
  const postgresOnly = ["tests/integration/query-plans.test.ts"];
  const integration = { include: ["tests/integration/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 120_000, env };

  return {
    resolve: shared,
    test: {
      // Vitest's default is one worker fewer than the cores: one, on the 2-core machines CI runs on. The
      // integration files spend much of their time waiting on PostgreSQL, so two overlap well there.
      maxWorkers: Math.max(2, os.availableParallelism() - 1),
      projects: [
        { resolve: shared, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], env } },
        {
          resolve: shared,
          test: {
            name: "integration-pglite",
            ...integration,
            exclude: [...configDefaults.exclude, ...postgresOnly],
            env: { ...env, CLEARWAY_TEST_DB: "pglite" },
            globalSetup: ["tests/integration/support/pglite-global-setup.ts"],
          },
        },
        ...(postgresUp
          ? [
              {
                resolve: shared,
                test: {
                  name: "integration-postgres",
                  ...integration,
                  env: { ...env, CLEARWAY_TEST_DB: "postgres" },
                  globalSetup: ["tests/integration/support/postgres-global-setup.ts"],
                },
              },
            ]
          : []),
      ],
    },
  };
});
