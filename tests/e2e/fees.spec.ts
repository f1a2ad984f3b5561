import { expect, test, type Page } from "@playwright/test";
import { pacificToday } from "../../lib/format";
import { quarterOf } from "../../lib/fees/rates";
import { callServerAction, demo, serverActionId, signInWithRequest } from "./support/helpers";

// The demand side as its people notice it: Priya (prosecutor) records a buyer's fee case and a payment
// and sees the quarter's collection and the 50/48/2 split move on /fees; a clerk's report with one bad
// row is previewed with that row's error and saves nothing; advocates, attorneys and partner staff are
// refused the whole area; Sam (Kent police) sees his agency's operations and fee cases, and no survivor.

const dollars = (text: string | null) => Math.round(Number((text ?? "").replace(/[$,\s]/g, "")) * 100);
const run = Date.now().toString(36).toUpperCase();

async function kentId(page: Page): Promise<string> {
  await page.goto("/fees");
  const value = await page.getByLabel("Jurisdiction", { exact: true }).locator("option", { hasText: /^Kent$/ }).getAttribute("value");
  return value!;
}

test.describe("sex-buyer fees", () => {
  test("a prosecutor records a fee case and a payment, and the quarter's collection and split change on /fees", async ({ page }) => {
    await signInWithRequest(page, demo("prosecutor").email);
    const kent = await kentId(page);
    const quarter = quarterOf(pacificToday());
    await page.goto(`/fees?jurisdiction=${kent}`);
    const row = page.locator(`[data-testid="fee-quarter-row"][data-quarter="${quarter}"]`);
    const collectedBefore = dollars(await row.getByTestId("collected").textContent());
    const providersCell = page.getByTestId("fee-allocation").locator(`tr[data-quarter="${quarter}"] td[data-recipient="direct_services"]`);
    const providersBefore = dollars(await providersCell.textContent());

    await page.getByRole("link", { name: "Record a fee case" }).click();
    await page.getByLabel("Where the offense occurred").selectOption({ label: "Kent" });
    await page.getByLabel("Arresting agency (optional)").selectOption({ label: "Kent Police Department" });
    await page.getByLabel("Court", { exact: true }).fill("Kent Municipal Court");
    await page.getByLabel("Case number", { exact: true }).fill(`KMC-E2E-${run}`);
    await page.getByLabel("Offense", { exact: true }).selectOption({ label: "Patronizing a prostitute (RCW 9A.88.110)" });
    await page.getByLabel("Priors for this offense").fill("1");
    await expect(page.getByTestId("statutory-fee")).toContainText("The statute sets $2,500.00");
    await expect(page.getByTestId("statutory-fee")).toContainText("never below $833.33");
    await page.getByLabel("Disposition", { exact: true }).selectOption({ label: "Conviction" });
    await page.getByLabel("Date of the disposition").fill(pacificToday());
    // A reduction without the court's finding is refused beside the amount, and nothing typed is lost.
    await page.getByLabel("Fee the court imposed (dollars)").fill("1000");
    await page.getByRole("button", { name: "Record fee case" }).click();
    await expect(page.getByText(/may reduce the fee only if it finds, on the record/)).toBeVisible();
    await expect(page.getByLabel("Case number", { exact: true })).toHaveValue(`KMC-E2E-${run}`);
    await page.getByLabel("Fee the court imposed (dollars)").fill("2500");
    await page.getByRole("button", { name: "Record fee case" }).click();

    await page.waitForURL(/\/fees\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("fee-clause")).toContainText("$2,500.00");
    await expect(page.getByTestId("fee-clause")).toContainText("RCW 9A.88.120");
    await page.getByLabel("Amount (dollars)").fill("1,000");
    await page.getByRole("button", { name: "Record payment" }).click();
    await expect(page.getByText("Payment recorded and split under the jurisdiction's policy.")).toBeVisible();
    await expect(page.getByTestId("fee-paid")).toHaveText("$1,000.00");
    await expect(page.getByTestId("fee-allocations")).toContainText("Local direct service providers: $500.00");
    await expect(page.getByTestId("fee-allocations")).toContainText("Department of Commerce: $20.00");

    await page.goto(`/fees?jurisdiction=${kent}`);
    await expect(row.getByTestId("collected")).toHaveText(new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format((collectedBefore + 100_000) / 100));
    expect(dollars(await providersCell.textContent())).toBe(providersBefore + 50_000);
    await expect(page.getByRole("link", { name: `Kent Municipal Court · KMC-E2E-${run}` })).toBeVisible();
  });

  test("an import preview shows a bad row's error and saves nothing", async ({ page }) => {
    await signInWithRequest(page, demo("prosecutor").email);
    await page.goto("/fees/import");
    const csv = [
      "Case No,Court,City,Charge,Dispo,Judgment Date,Fee Assessed,Date Paid,Amount Paid,Receipt #",
      `IMP-${run}-1,Kent Municipal Court,Kent,9A.88.110,Conviction,3/14/2025,1500,4/1/2025,500,R-${run}-1`,
      `IMP-${run}-2,Kent Municipal Court,Kent,9A.88.110,Conviction,2/30/2025,1500,,,`,
    ].join("\n");
    const upload = () => page.getByLabel(/CSV file from the clerk/).setInputFiles({ name: "receivables.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await upload();
    await expect(page.getByTestId("import-summary")).toContainText("2 rows: 1 new case, 1 new payment. 1 row has errors");
    const bad = page.getByTestId("import-row").filter({ hasText: `IMP-${run}-2` });
    await expect(bad).toContainText(/Disposition date: .*not/i);
    await expect(page.getByRole("button", { name: /^Import / })).toBeDisabled();

    // Nothing was saved: the same file, chosen again, still finds the good row's case and payment new.
    await page.reload();
    await upload();
    await expect(page.getByTestId("import-summary")).toContainText("2 rows: 1 new case, 1 new payment.");
    await page.goto("/fees");
    await expect(page.getByText(`IMP-${run}-1`)).toHaveCount(0);
  });
});

test.describe("the demand side refuses the survivor side", () => {
  for (const role of ["advocate", "attorney", "partner"]) {
    test(`${role}: /fees, /operations, /jurisdictions and their actions are refused`, async ({ page, baseURL }) => {
      await signInWithRequest(page, demo(role).email);
      for (const path of ["/fees", "/fees/new", "/fees/import", "/fees/report", "/operations", "/operations/new", "/jurisdictions"]) {
        expect((await page.goto(path))?.status(), path).toBe(403);
        await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
      }
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link", { name: "Sex-buyer fees" })).toHaveCount(0);
      await expect(nav.getByRole("link", { name: "Operations" })).toHaveCount(0);
      expect((await page.request.get("/fees/report/csv?quarter=2026-Q3")).status()).toBe(403);

      const create = await callServerAction(page.request, baseURL!, serverActionId("lib/fees/actions.ts", "createFeeCaseAction"), [
        { jurisdictionId: "00000000-0000-4000-8000-000000000000", court: "X", caseNumber: "X-1", offense: "patronizing", disposition: "conviction", dispositionDate: "2026-01-01", priors: 0, assessed: "1500", idempotencyKey: crypto.randomUUID() },
      ]);
      expect(create.text).toContain('"code":"forbidden"');
      const operation = await callServerAction(page.request, baseURL!, serverActionId("lib/operations/actions.ts", "createOperationAction"), [{ name: "X", idempotencyKey: crypto.randomUUID() }]);
      expect(operation.text).toContain('"code":"forbidden"');
    });
  }

  test("Kent police sees its own operations and fee cases, and no survivor", async ({ page, browser }) => {
    // A Seattle fee case, found by the prosecutor.
    const prosecutorContext = await browser.newContext();
    const prosecutor = await prosecutorContext.newPage();
    await signInWithRequest(prosecutor, demo("prosecutor").email);
    await prosecutor.goto("/fees");
    await prosecutor.getByLabel("Jurisdiction", { exact: true }).selectOption({ label: "Seattle" });
    await prosecutor.getByRole("button", { name: "Filter" }).click();
    const seattleCase = await prosecutor.getByTestId("fee-case-row").first().getByRole("link").getAttribute("href");
    await prosecutorContext.close();

    await signInWithRequest(page, demo("enforcement").email);
    await page.goto("/");
    await expect(page).toHaveURL(/\/operations$/);
    const agencies = await page.getByTestId("operation-row").locator("td:nth-child(3)").allTextContents();
    expect(agencies.length).toBeGreaterThan(0);
    expect(new Set(agencies)).toEqual(new Set(["Kent Police Department"]));

    await page.goto("/fees");
    const places = await page.getByTestId("fee-case-row").locator("td:nth-child(4)").allTextContents();
    expect(places.length).toBeGreaterThan(0);
    expect(new Set(places)).toEqual(new Set(["Kent"]));
    await expect(page.getByRole("link", { name: "Record a fee case" })).toHaveCount(0);
    expect((await page.goto(seattleCase!))?.status()).toBe(404);

    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Survivors" })).toHaveCount(0);
    for (const path of ["/survivors", "/referrals", "/matters", "/dashboard"]) {
      expect((await page.goto(path))?.status(), path).toBe(403);
    }
  });
});
