import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { generateSync } from "otplib";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoTotpSecret } from "../../../db/demo";

export { DEMO_ACCOUNTS };

export function demo(role: string) {
  const account = DEMO_ACCOUNTS.find((a) => a.email.startsWith(`${role}@`));
  if (!account) throw new Error(`no demo account ${role}`);
  return account;
}

/**
 * Signs in through the real form, as a person would. For an account whose second factor the test knows
 * (a demo account with the demo password, or one firstSignIn set up), it gives the code too when the
 * password was right.
 */
export async function signInWithForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const secret = totpSecretOf(email, password);
  if (!secret) return;
  if (isDemoAccount(email)) return passSecondStep(page, email, secret);
  // Someone the test made: the password may be one the test expects to be refused.
  const outcome = await Promise.race([
    page.waitForURL(/\/sign-in\/verify/).then(() => "second step" as const),
    page.getByTestId("form-alert").waitFor().then(() => "refused" as const),
  ]);
  if (outcome === "second step") await passSecondStep(page, email, secret);
}

/** On the second step's page (/sign-in/verify), as a demo account: gives its code and waits to be let in. */
export async function passDemoSecondStep(page: Page, email: string) {
  await passSecondStep(page, email, demoTotpSecret(email));
}

async function passSecondStep(page: Page, email: string, secret: string) {
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  const origin = originOf(page.url());
  // A code taken by another sign-in at the same moment is refused: the next one is tried once.
  for (let attempt = 1; ; attempt++) {
    await page.getByLabel("Code", { exact: true }).fill(await nextCode(origin, email, secret));
    await page.getByRole("button", { name: "Continue" }).click();
    const outcome = await Promise.race([
      page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 15_000 }).then(() => "in" as const),
      page.getByText(/does not match, or was used already/).waitFor({ timeout: 15_000 }).then(() => "refused" as const),
    ]);
    if (outcome === "in") return;
    if (attempt >= 2) throw new Error("the second step refused two codes in a row");
  }
}

/** The TOTP secrets of the accounts this worker's tests set up (firstSignIn), by email. */
const setUpSecrets = new Map<string, string>();

function isDemoAccount(email: string): boolean {
  return DEMO_ACCOUNTS.some((a) => a.email === email);
}

function totpSecretOf(email: string, password: string): string | null {
  if (isDemoAccount(email)) return password === DEMO_PASSWORD ? demoTotpSecret(email) : null;
  return setUpSecrets.get(email) ?? null;
}

/**
 * Signs a page's browser context in as a demo account, through Auth.js's own endpoint and the second
 * step's server action (no pages). A TOTP code works once per 30 seconds per account, so the browser
 * tests could not open a new session at every turn: the session is shared by every test (of every
 * worker) that signs in as that account on that server, and opened again only when it has ended.
 * `fresh`: a session of the test's own, for a test that ends it (signing out).
 */
export async function signInWithRequest(page: Page, email: string, options: { fresh?: boolean } = {}) {
  const origin = originOf(await baseUrlOf(page));
  if (options.fresh) return openDemoSession(page, origin, email);
  const key = `${origin} ${email}`;
  // One worker opens the account's session while the others wait for it (with its own lock).
  await withLock(`${SHARED_FILE}.${createHash("sha256").update(key).digest("hex").slice(0, 16)}`, async () => {
    const shared = await withLock(SHARED_FILE, () => readShared().sessions[key]);
    if (shared) {
      await page.context().addCookies(shared);
      const probe = await page.request.get("/account", { maxRedirects: 0 });
      if (probe.status() === 200) return;
      await page.context().clearCookies();
    }
    await openDemoSession(page, origin, email);
    const cookies = await page.context().cookies();
    await withLock(SHARED_FILE, () => {
      const state = readShared();
      state.sessions[key] = cookies;
      writeShared(state);
    });
  });
}

async function openDemoSession(page: Page, origin: string, email: string) {
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: DEMO_PASSWORD, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(response.headers().location).not.toContain("error=");
  const actionId = serverActionId("lib/account/actions.ts", "verifySecondFactorAction");
  for (let attempt = 1; ; attempt++) {
    const passed = await callServerAction(page.request, origin, actionId, [{ code: await nextCode(origin, email, demoTotpSecret(email)) }], "/sign-in/verify");
    if (passed.text.includes('"ok":true')) return;
    if (attempt >= 2) throw new Error(`the second step refused ${email}'s codes: ${passed.status}`);
  }
}

function originOf(url: string): string {
  return new URL(url).origin;
}

async function baseUrlOf(page: Page): Promise<string> {
  // The project's baseURL, as the request context resolves it.
  const response = await page.request.get("/api/auth/csrf");
  return response.url();
}

// ---- What the test workers (processes) share through a file: the TOTP steps given out, so no two
// sign-ins of one account to one server spend the same step (the server takes each step once per
// account), and the demo accounts' open sessions. The file is per run (the runner's process id).
const STEP_SECONDS = 30;
const SHARED_FILE = path.join(os.tmpdir(), `clearway-e2e-${process.env.CLEARWAY_E2E_RUN ?? process.ppid}.json`);
type Shared = { steps: Record<string, number>; sessions: Record<string, Awaited<ReturnType<BrowserContext["cookies"]>>> };

function readShared(): Shared {
  try {
    return JSON.parse(fs.readFileSync(SHARED_FILE, "utf8")) as Shared;
  } catch {
    return { steps: {}, sessions: {} };
  }
}

function writeShared(state: Shared) {
  fs.writeFileSync(SHARED_FILE, JSON.stringify(state));
}

/** Runs `run` holding a lock (a directory) that one worker at a time may hold. */
async function withLock<T>(lock: string, run: () => T | Promise<T>): Promise<T> {
  const dir = `${lock}.lock`;
  for (;;) {
    try {
      fs.mkdirSync(dir);
      break;
    } catch {
      // a lock left by a killed worker (a sign-in takes seconds, a minute at most while waiting for a step)
      try {
        if (Date.now() - fs.statSync(dir).mtimeMs > 120_000) fs.rmdirSync(dir);
      } catch {
        // gone meanwhile
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  try {
    return await run();
  } finally {
    fs.rmdirSync(dir);
  }
}

/**
 * The next unused code of an account on this server: the current time step, or a later one not yet
 * given out. The server accepts the step after the current one too (clock drift), so a code for a step
 * further ahead is given only once that step is at most one ahead.
 */
export async function nextCode(origin: string, email: string, secret: string): Promise<string> {
  const key = `${origin} ${email}`;
  const step = await withLock(SHARED_FILE, () => {
    const state = readShared();
    const next = Math.max(Math.floor(Date.now() / 1000 / STEP_SECONDS), (state.steps[key] ?? 0) + 1);
    state.steps[key] = next;
    writeShared(state);
    return next;
  });
  const waitMs = (step - 1) * STEP_SECONDS * 1000 + 500 - Date.now();
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  return generateSync({ secret, epoch: step * STEP_SECONDS });
}

/** The id Next gave a server action in this build (from the build's own manifest). */
export function serverActionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
  if (!entry) throw new Error(`server action ${file}#${exportedName} not found in the build`);
  return entry[0];
}

/**
 * Calls a server action the way any HTTP client can: a POST with the action id header, bypassing
 * every page and button. Returns the raw response text (React's flight format).
 */
export async function callServerAction(request: APIRequestContext, baseURL: string, id: string, args: unknown[], pagePath = "/home") {
  const response = await request.post(pagePath, {
    headers: {
      "Next-Action": id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: baseURL,
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  return { status: response.status(), location: response.headers().location ?? response.headers()["x-action-redirect"] ?? null, text: await response.text() };
}

let counter = 0;
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${process.pid}-${counter}@example.test`;
}

export const INITIAL_PASSWORD = "initial password 2026";

/** An admin creates an account through the real form; returns its email and admin page path. */
export async function createUserAsAdmin(
  adminPage: Page,
  options: { name: string; email: string; role: string; organization?: string; password?: string },
): Promise<string> {
  await adminPage.goto("/admin/users/new");
  await adminPage.getByLabel("Full name").fill(options.name);
  await adminPage.getByLabel("Email").fill(options.email);
  await adminPage.getByLabel("Role").selectOption({ label: options.role });
  if (options.organization) await adminPage.getByLabel("Organization").selectOption({ label: options.organization });
  await adminPage.getByLabel("Initial password", { exact: true }).fill(options.password ?? INITIAL_PASSWORD);
  await adminPage.getByLabel("Confirm initial password").fill(options.password ?? INITIAL_PASSWORD);
  await adminPage.getByRole("button", { name: "Create user" }).click();
  await expect(adminPage.getByText("User created.")).toBeVisible();
  return new URL(adminPage.url()).pathname;
}

/**
 * First sign-in of an account made by an admin: replace the initial password, then, where the role
 * requires it, set up two-step sign-in as a person would with an authenticator app (unless the test
 * does that itself), and arrive home. Returns the TOTP secret it set up.
 */
export async function firstSignIn(page: Page, email: string, newPassword: string, options: { setUpSecondFactor?: boolean } = {}): Promise<string | null> {
  await signInWithForm(page, email, INITIAL_PASSWORD);
  await expect(page).toHaveURL(/\/account\/password$/);
  await page.getByLabel("Current password").fill(INITIAL_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  // (the form goes to "/", which sends the browser on: to the setup where the role requires it, else home)
  await page.waitForURL((url) => url.pathname !== "/account/password" && url.pathname !== "/");
  if (new URL(page.url()).pathname !== "/account/two-factor" || options.setUpSecondFactor === false) return null;
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(await nextCode(originOf(page.url()), email, secret));
  await page.getByLabel("Your password").fill(newPassword);
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await page.getByRole("button", { name: "I have kept them" }).click();
  await page.waitForURL((url) => url.pathname !== "/account/two-factor");
  setUpSecrets.set(email, secret);
  return secret;
}

/** A separate browser context signed in as a demo role (several people at once in one test). */
export async function signedInAs(browser: Browser, role: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithRequest(page, demo(role).email);
  return { page, close: () => context.close() };
}

/**
 * A demo program lead approves a waiting account from their home page (an admin's new account in an
 * organization holding survivor data cannot sign in until then).
 */
export async function approveAsLead(browser: Browser, name: string, leadRole = "lead") {
  const lead = await signedInAs(browser, leadRole);
  await lead.page.goto("/home");
  const waiting = lead.page.getByTestId("waiting-approval").filter({ hasText: name });
  await waiting.getByRole("button", { name: "Approve" }).click();
  await expect(waiting).toHaveCount(0);
  await lead.close();
}

/**
 * A legal organization's lead picks one of its attorneys on a matter: each choice reads "Name
 * (Organization) · N open matters", the count changing as other tests assign matters.
 */
export async function chooseAttorney(page: Page, name: string, organization: string) {
  const select = page.getByLabel("Attorney", { exact: true });
  const escaped = `${name} (${organization})`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const option = select.locator("option", { hasText: new RegExp(`^${escaped} · \\d+ open matters?$`) });
  await select.selectOption((await option.getAttribute("value"))!);
}
