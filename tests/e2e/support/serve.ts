import { randomBytes } from "node:crypto";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import postgres from "postgres";

// Starts Clearway for the browser tests as a newcomer's `npm start` does, from the build `npm run
// test:e2e` made just before (`npm run serve`: migrate, seed the embedded database, serve), on a
// database that is fresh for this run:
// - default: the embedded PGlite in .e2e-data (deleted first; start-up migrates and seeds it);
// - E2E_DATABASE_URL set: that Postgres database is dropped and recreated, then migrated and seeded
//   with the explicit seed command, as an operator would. Its name must contain "e2e" or "test", so a
//   real database can never be wiped by mistake.

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  const target = process.env.E2E_DATABASE_URL;

  if (target) {
    const url = new URL(target);
    const name = url.pathname.slice(1);
    if (!/e2e|test/i.test(name)) throw new Error(`Refusing to reset database "${name}": its name must contain "e2e" or "test".`);
    const serverUrl = new URL(target);
    serverUrl.pathname = "/postgres";
    const admin = postgres(serverUrl.toString(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    Object.assign(env, {
      DATABASE_URL: target,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      CLEARWAY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    });
    delete env.CLEARWAY_DATA_DIR;
    const seeded = spawnSync("npx", ["tsx", "db/seed.ts"], { env, stdio: "inherit" });
    if (seeded.status !== 0) throw new Error("seeding the e2e database failed");
  } else {
    fs.rmSync(".e2e-data", { recursive: true, force: true });
    Object.assign(env, { CLEARWAY_DATA_DIR: ".e2e-data", DATABASE_URL: "" });
  }

  const server = spawn("npm", ["run", "serve"], { env, stdio: "inherit" });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
