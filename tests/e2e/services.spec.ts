import fs from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { formatCalendarDate, pacificToday } from "../../lib/format";
import { demo, signInWithRequest } from "./support/helpers";

// Services and the funder report as their people notice them: Rosa (advocate) records a common service
// in one click on a survivor's page and sees it listed, then takes it back; Dana (program lead) opens
// the funder report from the navigation and downloads its CSV, which carries the page's figures.

test.describe("services and the funder report", () => {
  test("an advocate records a common service in one click and sees it listed", async ({ page }) => {
    await signInWithRequest(page, demo("advocate").email);
    // A survivor of her own, so the list holds only this test's services.
    await page.goto("/survivors/new");
    await page.getByLabel("Preferred name").fill(`Wren ${Date.now().toString(36)}`);
    await page.getByRole("button", { name: "Create survivor record" }).click();
    const services = page.getByTestId("services-section");
    await expect(services.getByText("No services recorded yet.")).toBeVisible();

    await services.getByRole("button", { name: "Emotional support today" }).click();
    await expect(services.getByTestId("service-notice")).toHaveText(/^Recorded: Emotional support & safety, today\.\s*Undo$/);
    const listed = services.getByTestId("service-item");
    await expect(listed).toHaveCount(1);
    await expect(listed).toContainText(`${formatCalendarDate(pacificToday())} · Emotional support & safety`);
    await expect(listed).toContainText(demo("advocate").name);

    // A click in error is taken back from the same notice.
    await services.getByRole("button", { name: "Undo" }).click();
    await expect(services.getByTestId("service-notice")).toHaveText("Removed: Emotional support & safety, today.");
    await expect(listed).toHaveCount(0);
  });

  test("the lead's funder report and its CSV download carry the same figures", async ({ page }) => {
    await signInWithRequest(page, demo("lead").email);
    await page.goto("/survivors");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Funder report" }).click();
    await expect(page.getByRole("heading", { name: "Funder report (VOCA PMT)" })).toBeVisible();
    const total = (await page.getByTestId("funder-total").textContent())!.trim();
    const fresh = (await page.getByTestId("funder-new").textContent())!.trim();
    expect(Number(total)).toBeGreaterThan(0);
    const serviceRows = page.getByTestId("funder-service-row");
    await expect(serviceRows).toHaveCount(5);
    const pageServices = await serviceRows.evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((td) => td.textContent!.trim())));

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("funder-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/^funder-report_FY\d{4}-Q[1-4]\.csv$/);
    const text = (await fs.readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
    const rows = text.trim().split("\r\n").map((line) => line.split(","));
    expect(rows[0]).toEqual(["Section", "Item", "Count"]);
    const inSection = (section: string) => rows.filter((r) => r[0] === section).map((r) => r[2]);
    expect(inSection("Individuals served").slice(0, 2)).toEqual([total, fresh]);
    expect(inSection("Services provided (count)")).toEqual(pageServices.map((r) => r[0]));
    expect(inSection("Individuals receiving the service")).toEqual(pageServices.map((r) => r[1]));
  });
});
