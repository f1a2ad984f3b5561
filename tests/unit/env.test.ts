import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadEnv } from "@/lib/env";

const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearway-env-"));
  dirs.push(dir);
  return path.join(dir, "data");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const key = Buffer.alloc(32, 7).toString("base64");
const secret = "s".repeat(40);

describe("environment", () => {
  it("stops with a message naming each missing secret when DATABASE_URL is set", () => {
    const attempt = () => loadEnv({ DATABASE_URL: "postgres://db.example/clearway" });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("AUTH_SECRET is not set");
      expect(message).toContain("CLEARWAY_ENCRYPTION_KEY is not set");
    }
    expect(() => loadEnv({ DATABASE_URL: "postgres://db.example/clearway", AUTH_SECRET: secret })).toThrow(/CLEARWAY_ENCRYPTION_KEY is not set/);
    expect(() => loadEnv({ DATABASE_URL: "postgres://db.example/clearway", CLEARWAY_ENCRYPTION_KEY: key })).toThrow(/AUTH_SECRET is not set/);
  });

  it("accepts the secrets from the environment, and rejects a key that is not 32 bytes", () => {
    const env = loadEnv({ DATABASE_URL: "postgres://db.example/clearway", AUTH_SECRET: secret, CLEARWAY_ENCRYPTION_KEY: key });
    expect(env.databaseUrl).toBe("postgres://db.example/clearway");
    expect(env.encryptionKey).toEqual(Buffer.alloc(32, 7));
    expect(() => loadEnv({ DATABASE_URL: "postgres://x/y", AUTH_SECRET: secret, CLEARWAY_ENCRYPTION_KEY: "too-short" })).toThrow(/32 random bytes/);
    expect(() => loadEnv({ DATABASE_URL: "mysql://x/y", AUTH_SECRET: secret, CLEARWAY_ENCRYPTION_KEY: key })).toThrow(/postgres:\/\//);
  });

  it("generates the embedded secrets once, into the data folder, readable only by the owner", () => {
    const dataDir = tempDir();
    const first = loadEnv({ CLEARWAY_DATA_DIR: dataDir });
    const file = path.join(dataDir, "secrets.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o077).toBe(0);
    const second = loadEnv({ CLEARWAY_DATA_DIR: dataDir });
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.encryptionKey).toEqual(first.encryptionKey);
    expect(first.encryptionKey).toHaveLength(32);
    // Environment values win over the generated ones.
    expect(loadEnv({ CLEARWAY_DATA_DIR: dataDir, AUTH_SECRET: secret }).authSecret).toBe(secret);
  });

  it("reads defaults and limits for the idle timeout and port", () => {
    const env = loadEnv({ CLEARWAY_DATA_DIR: "memory://" });
    expect(env).toMatchObject({ idleMinutes: 30, port: 3000, sessionMaxHours: 12, databaseUrl: undefined, secureCookies: false });
    expect(loadEnv({ CLEARWAY_DATA_DIR: "memory://", CLEARWAY_IDLE_MINUTES: "5", PORT: "" }).idleMinutes).toBe(5);
    expect(() => loadEnv({ CLEARWAY_DATA_DIR: "memory://", CLEARWAY_IDLE_MINUTES: "0" })).toThrow(/CLEARWAY_IDLE_MINUTES/);
    expect(loadEnv({ CLEARWAY_DATA_DIR: "memory://", AUTH_URL: "https://clearway.example.org" }).secureCookies).toBe(true);
  });
});
