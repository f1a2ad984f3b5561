import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { callServerAction, createUserAsAdmin, demo, firstSignIn, serverActionId, signedInAs, signInWithForm, signInWithRequest, uniqueEmail } from "./support/helpers";

// Two-step sign-in as a person meets it: set up with an authenticator app (the test is the app: it
// reads the key the page shows and computes the codes), then every sign-in stops at the second step,
// where nothing else is served, not a page and not a server action, until a code is given. A recovery
// code works once.

/** The code an authenticator app shows `seconds` from now. */
const codeAt = (secret: string, seconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + seconds });

async function giveCode(page: Page, code: string) {
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a user sets up two-step sign-in; each sign-in then waits for a code, and a recovery code works once", async ({ browser, page, baseURL }) => {
  // Five sign-ins and a dozen pages.
  test.slow();
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInWithRequest(admin, demo("admin").email);
  const email = uniqueEmail("two-step");
  await createUserAsAdmin(admin, { name: "Dara Quist", email, role: "Program lead", organization: "Washington State Department of Commerce (Government)" });
  await adminContext.close();
  const password = "a passphrase for both steps";
  await firstSignIn(page, email, password, { setUpSecondFactor: false });

  // ---- A program lead's role requires it (the default): after her own password, only setting it up
  // is served, not a page, not a server action.
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  await expect(page.getByTestId("second-factor-required")).toContainText("Your role requires two-step sign-in");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveCount(0);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  const notYet = await callServerAction(page.request, baseURL!, serverActionId("lib/account/actions.ts", "endOtherSessionsAction"), [{}], "/account");
  expect(notYet.location).toContain("/account/two-factor");
  expect(notYet.text).not.toContain('"ok":true');

  // ---- Setting it up: a wrong code first, then the app's code; the recovery codes are shown once.
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  const field = page.getByLabel("Code from the app");
  // It asks for the password too.
  await field.fill("000000");
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByLabel("Your password")).toHaveAccessibleDescription(/Enter your password/);
  await page.getByLabel("Your password").fill(password);
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(field).toHaveAccessibleDescription(/does not match/);
  await field.fill(await codeAt(secret));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.nth(0).textContent())!.trim();
  expect(recovery).toMatch(/^([a-z2-7]{4}-){5}[a-z2-7]{4}$/);
  await page.getByRole("button", { name: "I have kept them" }).click();
  // Set up, the session goes on to her home.
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/account");
  await expect(page.getByRole("link", { name: "Two-step sign-in: on" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();

  // ---- The next sign-in stops at the second step; nothing else is served until the code is given.
  await signInWithForm(page, email, password);
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\/verify\?callbackUrl=%2Fdashboard$/);
  // A server action called straight with this session's cookie: sent to the second step, nothing done.
  const refused = await callServerAction(page.request, baseURL!, serverActionId("lib/account/actions.ts", "endOtherSessionsAction"), [{}], "/account");
  // (Next answers a server action's redirect with the target in x-action-redirect)
  expect(refused.location).toContain("/sign-in/verify");
  expect(refused.text).not.toContain('"ok":true');
  const download = await page.request.get("/survivors/export", { maxRedirects: 0 });
  expect(download.status()).toBe(307);
  expect(download.headers().location).toContain("/sign-in/verify");
  // A wrong code, then the app's (the next step's: the one used to set it up is spent).
  await giveCode(page, "123456");
  await expect(page.getByLabel("Code", { exact: true })).toHaveAccessibleDescription(/does not match/);
  await giveCode(page, await codeAt(secret, 30));
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("button", { name: "Sign out" }).click();

  // ---- Without the phone: a recovery code works once.
  await signInWithForm(page, email, password);
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  await giveCode(page, recovery.toUpperCase());
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInWithForm(page, email, password);
  await giveCode(page, recovery);
  await expect(page.getByLabel("Code", { exact: true })).toHaveAccessibleDescription(/does not match, or was used already/);
  // Signing out from the second step ends the half-made session.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=signed-out$/);
});

test("a locked-out owner still signs in from a browser where she passed two-step sign-in; elsewhere the lock holds", async ({ browser, page }) => {
  test.slow(); // seven sign-ins
  const admin = await signedInAs(browser, "admin");
  const email = uniqueEmail("trusted");
  await createUserAsAdmin(admin.page, { name: "Ines Arroyo", email, role: "Program lead", organization: "Washington State Department of Commerce (Government)" });
  await admin.close();
  const password = "her own long passphrase";
  // She sets up two-step sign-in (her role requires it): this browser is now trusted for 30 days.
  await firstSignIn(page, email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("button", { name: "Sign out" }).click();

  // Someone elsewhere who knows her email locks the account with five guesses; the right password
  // does not get them in either.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  for (let guess = 1; guess <= 5; guess++) await signInWithForm(other, email, `a wrong guess ${guess}`);
  await expect(other.getByTestId("form-alert")).toContainText("Too many failed attempts");
  await signInWithForm(other, email, password);
  await expect(other.getByTestId("form-alert")).toContainText("Too many failed attempts");
  await elsewhere.close();

  // From her own browser she signs in all the same, still giving her code.
  await signInWithForm(page, email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
});
