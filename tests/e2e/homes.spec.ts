import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, demo, signInWithRequest } from "./support/helpers";

// Every role lands on today's work (issue 12): after signing in, each demo account arrives at its
// role's home, its navigation opening with it; and a page that is not there says so in its title,
// inside the one main landmark of the page.

const HOMES: Record<string, { path: RegExp; heading: string; nav: string }> = {
  admin: { path: /\/admin$/, heading: "Administration", nav: "Overview" },
  lead: { path: /\/dashboard$/, heading: "Waiting for you today", nav: "Dashboard" },
  "legal-lead": { path: /\/dashboard$/, heading: "Matters waiting for an attorney", nav: "Dashboard" },
  advocate: { path: /\/today$/, heading: "My day", nav: "My day" },
  attorney: { path: /\/today$/, heading: "Your matters by due date", nav: "Today" },
  prosecutor: { path: /\/today$/, heading: "Awaiting your office's position", nav: "Today" },
  partner: { path: /\/referrals\/inbox$/, heading: "Referral inbox", nav: "Inbox" },
  enforcement: { path: /\/operations$/, heading: "Operations", nav: "Operations" },
};

test("each demo role lands on its home after signing in", async ({ page }) => {
  // One account of each role, and both kinds of program lead (a legal organization's has its own work).
  for (const [who, home] of Object.entries(HOMES)) {
    const account = DEMO_ACCOUNTS.find((a) => a.email === `${who}@clearway.test`)!;
    await page.context().clearCookies();
    await signInWithRequest(page, account.email);
    await page.goto("/");
    await expect(page, account.email).toHaveURL(home.path);
    await expect(page.getByRole("heading", { name: home.heading }), account.email).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link").first(), account.email).toHaveText(home.nav);
    await expect(nav.getByRole("link", { name: home.nav })).toHaveAttribute("aria-current", "page");
  }
});

test("a page that is not there has one main landmark and a title that says not found", async ({ page }) => {
  await signInWithRequest(page, demo("advocate").email);
  // A record that does not exist (notFound() inside the signed-in shell), and a path that matches no page.
  for (const path of ["/survivors/00000000-0000-4000-8000-000000000000", "/no-such-page"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "We could not find that page" }), path).toBeVisible();
    await expect(page.locator("main"), path).toHaveCount(1);
    await expect(page, path).toHaveTitle(/^Not found/);
  }
});
