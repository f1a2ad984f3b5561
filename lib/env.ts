import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_OVERDUE_BUSINESS_DAYS } from "./referrals/constants";
import { parseTrustedProxies, type TrustedProxies } from "./client-address";

// The process environment, parsed once with zod. Nothing else reads process.env for configuration.
//
// Two modes:
// - embedded (DATABASE_URL unset): PGlite in CLEARWAY_DATA_DIR (default ./data). Missing secrets are
//   generated once into <data dir>/secrets.json with 0600 permissions, so a newcomer needs nothing.
// - server (DATABASE_URL set): AUTH_SECRET and CLEARWAY_ENCRYPTION_KEY must come from the environment
//   (a secret manager in production); start-up stops with a message naming what is missing.

export const MEMORY_DATA_DIR = "memory://";

const blankAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalString = z.preprocess(blankAsUndefined, z.string().optional());

const schema = z.object({
  NODE_ENV: z.preprocess(blankAsUndefined, z.enum(["development", "production", "test"]).default("development")),
  DATABASE_URL: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// connection string")
      .optional(),
  ),
  // A read replica for the report queries (lib/reports), optional. Its data may lag the primary's.
  DATABASE_REPLICA_URL: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_REPLICA_URL must be a postgres:// or postgresql:// connection string")
      .optional(),
  ),
  // "transaction" when DATABASE_URL (and the replica's URL) point at PgBouncer in transaction mode.
  DATABASE_POOLER: z.preprocess(blankAsUndefined, z.enum(["transaction"], "DATABASE_POOLER must be \"transaction\" or unset").optional()),
  CLEARWAY_DATA_DIR: z.preprocess(blankAsUndefined, z.string().default("./data")),
  AUTH_SECRET: z.preprocess(
    blankAsUndefined,
    z.string().min(32, "AUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  ),
  CLEARWAY_ENCRYPTION_KEY: optionalString,
  // Older master keys, comma-separated, still accepted for decrypting values written before a rotation.
  CLEARWAY_PREVIOUS_ENCRYPTION_KEYS: optionalString,
  CLEARWAY_IDLE_MINUTES: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(1440).default(30)),
  CLEARWAY_SESSION_MAX_HOURS: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(24).default(12)),
  // At least 2: start-up's migration holds its lock on one connection while the migrations run on another.
  CLEARWAY_DB_POOL_MAX: z.preprocess(blankAsUndefined, z.coerce.number().int().min(2, "CLEARWAY_DB_POOL_MAX must be at least 2").max(100).default(5)),
  CLEARWAY_REFERRAL_OVERDUE_BUSINESS_DAYS: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(30).default(DEFAULT_OVERDUE_BUSINESS_DAYS)),
  // Reports: a count of 1 to this minus one survivors outside the reader's organization is shown as "fewer than N".
  CLEARWAY_SUPPRESSION_THRESHOLD: z.preprocess(blankAsUndefined, z.coerce.number().int().min(2).max(100).default(5)),
  // `npm run bench` only: serves /bench/floor, the framework's own cost (no session, no database), as the yardstick.
  CLEARWAY_BENCH_ROUTES: z.preprocess(blankAsUndefined, z.enum(["0", "1"]).default("0")),
  // Reverse proxies whose X-Forwarded-For is believed (lib/client-address.ts): addresses, CIDR ranges,
  // or loopback / linklocal / uniquelocal, comma-separated. Unset: none, the connection's address is the client's.
  CLEARWAY_TRUSTED_PROXIES: optionalString,
  // Background jobs (lib/jobs): "off" keeps this process from running them, e.g. app instances when a
  // separate `npm run worker` runs them, or a test server. They run with the app by default.
  CLEARWAY_JOBS: z.preprocess(blankAsUndefined, z.enum(["on", "off"], "CLEARWAY_JOBS must be \"on\" or \"off\"").default("on")),
  PORT: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  AUTH_URL: z.preprocess(blankAsUndefined, z.url().optional()),
});

type Env = {
  nodeEnv: "development" | "production" | "test";
  /** Set when running against a Postgres server; unset means the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** A read replica for report queries, when set (server mode only). */
  databaseReplicaUrl: string | undefined;
  /** "transaction": the URLs point at a pooler in transaction mode (PgBouncer), so no session state. */
  databasePooler: "transaction" | undefined;
  /** Absolute path of the embedded database folder, or "memory://" for a throwaway in-memory one. */
  dataDir: string;
  authSecret: string;
  /** 32-byte master key; purpose-specific keys are derived from it (lib/crypto/keys.ts). */
  encryptionKey: Buffer;
  /** Retired master keys, used only to decrypt values written under them (key rotation). */
  previousEncryptionKeys: Buffer[];
  idleMinutes: number;
  sessionMaxHours: number;
  dbPoolMax: number;
  /** A sent referral with no answer after this many business days is overdue. */
  referralOverdueBusinessDays: number;
  /** Dashboard and reports: counts from 1 to this minus one of other organizations' survivors are suppressed (lib/reports/suppression.ts). */
  suppressionThreshold: number;
  /** /bench/floor answers (set by `npm run bench`); otherwise it is a 404. */
  benchRoutes: boolean;
  /** Whether this process runs the background jobs (CLEARWAY_JOBS, default on). */
  jobs: boolean;
  port: number;
  /** Which connection peers may say, in X-Forwarded-For, whom they forward for. */
  trustedProxies: TrustedProxies;
  /** The public URL (AUTH_URL), when set. */
  authUrl: string | undefined;
  /** Cookies get Secure and the __Host- prefix when the public URL is https. */
  secureCookies: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Clearway cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

function decodeKey(value: string): Buffer | null {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  const decoded = Buffer.from(trimmed, "base64");
  return decoded.length === 32 && /^[A-Za-z0-9+/_-]+=*$/.test(trimmed) ? decoded : null;
}

type StoredSecrets = { authSecret: string; encryptionKey: string };

/** Reads <dataDir>/secrets.json, creating it (0600) on first use. Exclusive create avoids a race. */
function embeddedSecrets(dataDir: string): StoredSecrets {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, "secrets.json");
  const fresh: StoredSecrets = {
    authSecret: randomBytes(32).toString("base64"),
    encryptionKey: randomBytes(32).toString("base64"),
  };
  try {
    fs.writeFileSync(file, JSON.stringify(fresh, null, 2) + "\n", { mode: 0o600, flag: "wx" });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const stored = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<StoredSecrets>;
  if (!stored.authSecret || !stored.encryptionKey) {
    throw new ConfigError([`${file} is damaged: it must hold authSecret and encryptionKey`]);
  }
  return stored as StoredSecrets;
}

/** Parses an environment object. Pure apart from the embedded secrets file. */
export function loadEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const raw = parsed.data;
  const embedded = raw.DATABASE_URL === undefined;
  const dataDir = raw.CLEARWAY_DATA_DIR === MEMORY_DATA_DIR ? MEMORY_DATA_DIR : path.resolve(raw.CLEARWAY_DATA_DIR);

  let authSecret = raw.AUTH_SECRET;
  let keyText = raw.CLEARWAY_ENCRYPTION_KEY;
  if (embedded && (!authSecret || !keyText)) {
    const stored =
      dataDir === MEMORY_DATA_DIR
        ? { authSecret: randomBytes(32).toString("base64"), encryptionKey: randomBytes(32).toString("base64") }
        : embeddedSecrets(dataDir);
    authSecret ??= stored.authSecret;
    keyText ??= stored.encryptionKey;
  }

  const problems: string[] = [];
  if (embedded && raw.DATABASE_REPLICA_URL) problems.push("DATABASE_REPLICA_URL needs DATABASE_URL: the embedded database has no replica.");
  if (!authSecret) problems.push("AUTH_SECRET is not set. With DATABASE_URL set it must come from the environment (openssl rand -base64 32).");
  if (!keyText) {
    problems.push("CLEARWAY_ENCRYPTION_KEY is not set. With DATABASE_URL set it must come from the environment (openssl rand -base64 32).");
  }
  const encryptionKey = keyText ? decodeKey(keyText) : null;
  if (keyText && !encryptionKey) {
    problems.push("CLEARWAY_ENCRYPTION_KEY must be 32 random bytes, base64- or hex-encoded (openssl rand -base64 32).");
  }
  const previousEncryptionKeys: Buffer[] = [];
  for (const text of (raw.CLEARWAY_PREVIOUS_ENCRYPTION_KEYS ?? "").split(",").filter((t) => t.trim())) {
    const key = decodeKey(text);
    if (key) previousEncryptionKeys.push(key);
    else problems.push("CLEARWAY_PREVIOUS_ENCRYPTION_KEYS must be a comma-separated list of 32-byte keys, base64- or hex-encoded.");
  }
  let trustedProxies: TrustedProxies = () => false;
  try {
    trustedProxies = parseTrustedProxies(raw.CLEARWAY_TRUSTED_PROXIES);
  } catch {
    problems.push("CLEARWAY_TRUSTED_PROXIES must be comma-separated addresses or CIDR ranges (10.0.0.0/8, ::1), or loopback, linklocal, uniquelocal.");
  }
  if (problems.length > 0 || !authSecret || !encryptionKey) throw new ConfigError(problems);

  return {
    nodeEnv: raw.NODE_ENV,
    databaseUrl: raw.DATABASE_URL,
    databaseReplicaUrl: raw.DATABASE_REPLICA_URL,
    databasePooler: raw.DATABASE_POOLER,
    dataDir,
    authSecret,
    encryptionKey,
    previousEncryptionKeys,
    idleMinutes: raw.CLEARWAY_IDLE_MINUTES,
    sessionMaxHours: raw.CLEARWAY_SESSION_MAX_HOURS,
    dbPoolMax: raw.CLEARWAY_DB_POOL_MAX,
    referralOverdueBusinessDays: raw.CLEARWAY_REFERRAL_OVERDUE_BUSINESS_DAYS,
    suppressionThreshold: raw.CLEARWAY_SUPPRESSION_THRESHOLD,
    benchRoutes: raw.CLEARWAY_BENCH_ROUTES === "1",
    jobs: raw.CLEARWAY_JOBS === "on",
    port: raw.PORT,
    trustedProxies,
    authUrl: raw.AUTH_URL,
    secureCookies: raw.AUTH_URL?.startsWith("https://") ?? false,
  };
}

let cached: Env | undefined;

/** The parsed environment, read on first use (never at build time) and then reused. */
export function getEnv(): Env {
  cached ??= loadEnv(process.env);
  return cached;
}
