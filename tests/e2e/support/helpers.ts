import fs from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../../db/demo";

export { DEMO_ACCOUNTS };

export function demo(role: string) {
  const account = DEMO_ACCOUNTS.find((a) => a.email.startsWith(`${role}@`));
  if (!account) throw new Error(`no demo account ${role}`);
  return account;
}

/** Signs in through the real form, as a person would. */
export async function signInWithForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through Auth.js's own endpoint (faster; the page's context gets the session cookie). */
export async function signInWithRequest(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(response.headers().location).not.toContain("error=");
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

/** First sign-in of an account made by an admin: replace the initial password, then arrive home. */
export async function firstSignIn(page: Page, email: string, newPassword: string) {
  await signInWithForm(page, email, INITIAL_PASSWORD);
  await expect(page).toHaveURL(/\/account\/password$/);
  await page.getByLabel("Current password").fill(INITIAL_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
}

/** A separate browser context signed in as a demo role (several people at once in one test). */
export async function signedInAs(browser: Browser, role: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithRequest(page.request, demo(role).email);
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
