import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../../db/client";
import { migrateDatabase } from "../../../db/migrate";
import { databaseUrlFor, postgresServerUrl } from "../../support/postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

// One fresh database per run, built by the same migration script as production, dropped at the end.
export default async function setup(project: TestProject) {
  const server = postgresServerUrl();
  const name = `clearway_it_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = databaseUrlFor(server, name);
  const handle = openDatabase({ databaseUrl: url, poolMax: 2 });
  await migrateDatabase(handle);
  await handle.close();
  project.provide("postgresUrl", url);

  return async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
}
