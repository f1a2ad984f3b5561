import { expect, test } from "@playwright/test";
import { demo, DEMO_ACCOUNTS, passDemoSecondStep, signInWithForm, signInWithRequest } from "./support/helpers";

// Where each role lands and what its navigation offers (the homes' own headings: homes.spec.ts). A
// survivor another organization shared is what opens Survivors to staff who keep none: in the demo,
// releases name Legal Hope and BEST, none the prosecutor's office.
const LANDING: Record<string, { path: RegExp; nav: string[] }> = {
  admin: { path: /\/admin$/, nav: ["Overview", "Sex-buyer fees", "Operations", "Jurisdictions", "Users", "Organizations", "Audit trail", "Partners"] },
  program_lead: {
    path: /\/dashboard$/,
    nav: ["Dashboard", "Survivors", "Referrals", "Vacatur matters", "Hearings", "Pro bono hours", "Funder report", "Sex-buyer fees", "Operations", "Jurisdictions", "Retention", "Partners", "Team"],
  },
  advocate: { path: /\/today$/, nav: ["My day", "Survivors", "Referrals", "Vacatur matters", "Hearings", "Partners", "Team"] },
  attorney: { path: /\/today$/, nav: ["Today", "Survivors", "Referrals", "Vacatur matters", "Hearings", "Pro bono hours", "Partners", "Team"] },
  prosecutor: { path: /\/today$/, nav: ["Today", "Vacatur matters", "Hearings", "Sex-buyer fees", "Operations", "Jurisdictions", "Partners", "Team"] },
  partner: { path: /\/referrals\/inbox$/, nav: ["Inbox", "Survivors", "Referrals", "Partners", "Team"] },
  // Police staff: their agency's operations and fee cases, and no survivor, referral or matter.
  law_enforcement: { path: /\/operations$/, nav: ["Operations", "Sex-buyer fees", "Jurisdictions", "Team"] },
};

test.describe("signing in", () => {
  for (const account of DEMO_ACCOUNTS) {
    test(`${account.email} signs in through the form and lands on the ${account.role} home`, async ({ page }) => {
      await signInWithForm(page, account.email);
      // A navigation (sign-in, then the home's first render, the dashboard's figures counted cold): the navigation timeout.
      await expect(page).toHaveURL(LANDING[account.role]!.path, { timeout: 30_000 });
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(LANDING[account.role]!.nav);
      await expect(page.getByTestId("current-user")).toContainText(account.name);
    });
  }

  test("a wrong password and an unknown email get the same message, and what was typed stays", async ({ page }) => {
    await signInWithForm(page, demo("attorney").email, "not the right password");
    const alert = page.getByTestId("form-alert");
    await expect(alert).toHaveText("That email and password do not match an account. Check both and try again.");
    await expect(page.getByLabel("Email")).toHaveValue(demo("attorney").email);
    await expect(page).toHaveURL(/\/sign-in/);

    await signInWithForm(page, "nobody-here@example.test", "not the right password");
    await expect(page.getByTestId("form-alert")).toHaveText("That email and password do not match an account. Check both and try again.");
  });

  test("empty fields are flagged next to each field without a round trip", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expect(page.getByText("Enter your password.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  });

  test("every app page sends a visitor who is not signed in to sign-in, and back afterwards", async ({ page }) => {
    // The server answers each page with the redirect itself (no page is rendered first).
    for (const path of ["/", "/today", "/referrals/inbox", "/dashboard", "/home", "/account", "/account/password", "/admin", "/admin/users", "/admin/users/new", "/admin/organizations", "/admin/audit", "/survivors", "/survivors/new", "/referrals", "/partners", "/notifications", "/matters", "/matters/hearings"]) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(307);
      const location = new URL(response.headers().location ?? "", "http://localhost");
      expect(location.pathname, path).toBe("/sign-in");
      if (path !== "/") expect(location.searchParams.get("callbackUrl"), path).toBe(path);
    }
    await page.goto("/survivors/new");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsurvivors%2Fnew$/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await page.goto("/admin/audit");
    await page.getByLabel("Email").fill(demo("admin").email);
    await page.getByLabel("Password").fill("clearway-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    // The second step keeps where the visitor was going.
    await expect(page).toHaveURL(/\/sign-in\/verify\?callbackUrl=%2Fadmin%2Faudit$/);
    await passDemoSecondStep(page, demo("admin").email);
    await expect(page).toHaveURL(/\/admin\/audit$/);
  });

  test("signing out ends the session on the server: a copy of the old cookie no longer works", async ({ page, context, playwright, baseURL }) => {
    await signInWithRequest(page, demo("prosecutor").email, { fresh: true });
    await page.goto("/home");
    await expect(page.getByTestId("role-summary")).toBeVisible();
    const stolen = await context.storageState();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in\?reason=signed-out/);
    await expect(page.getByText("You have signed out.")).toBeVisible();

    const replay = await playwright.request.newContext({ baseURL, storageState: stolen });
    const response = await replay.get("/home", { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers().location).toContain("/sign-in");
    await replay.dispose();
  });
});
