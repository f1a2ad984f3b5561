import { randomInt } from "node:crypto";
import fs from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_FIRST_NAMES, DEMO_LAST_NAMES, DEMO_PREFERRED_NAMES } from "../../db/demo-names";
import { demo, signedInAs, signInWithRequest } from "./support/helpers";

// Pro bono hours as the people who use them notice: Daniel (attorney, Legal Hope) logs, corrects and
// removes hours on a matter of his; Aisha (Legal Hope's lead) sets the rate the hours are valued at,
// changes it again from the same page, and downloads the period's CSV for a bar report; Rosa (advocate,
// OPS) asking for the CSV directly is refused. The entries are dated on two random days of 2003, which
// no other test or demo entry uses, so the CSV's rows for that period are this test's own.

/** Types digits into a date input as a person does (Playwright's fill() refuses a date that does not exist). */
async function typeDate(page: Page, input: Locator, digits: string) {
  await input.focus();
  await page.keyboard.type(digits);
}

/** The CSV's rows as cells (the export quotes nothing here: no cell of it has a comma or quote). */
function csvRows(text: string): string[][] {
  expect(text.startsWith("\uFEFF"), "the CSV starts with a byte-order mark").toBe(true);
  return text
    .slice(1)
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) => line.split(","));
}

const hundredthsOf = (hours: string) => Math.round(Number(hours) * 100);
const asHours = (hundredths: number) => (hundredths / 100).toFixed(2);

test.describe("pro bono hours", () => {
  test("an attorney corrects and removes hours; the lead re-rates them and downloads the period's CSV; an advocate is refused it", async ({ browser }) => {
    // Three people, a dozen saves and a download on a shared two-core machine.
    test.slow();
    const tag = `pbh${Date.now().toString(36)}${randomInt(1_000_000)}`;
    const month = String(randomInt(1, 13)).padStart(2, "0");
    const day = randomInt(1, 28);
    const firstDay = `2003-${month}-${String(day).padStart(2, "0")}`;
    const secondDay = `2003-${month}-${String(day + 1).padStart(2, "0")}`;

    // ---- Daniel logs two entries on his matter that is waiting for records.
    // (en-US: the date input's segments are typed month, day, year)
    const danielContext = await browser.newContext({ locale: "en-US" });
    const page = await danielContext.newPage();
    await signInWithRequest(page, demo("attorney").email);
    await page.goto("/matters?status=records_requested");
    const row = page.getByTestId("matter-row").first();
    const clientCode = (await row.getByRole("link").first().textContent())!.trim();
    expect(clientCode).toMatch(/^CW-\d{4}-\d{5}$/);
    await row.getByRole("link", { name: clientCode }).click();
    await expect(page).toHaveURL(/\/matters\/[0-9a-f-]{36}$/);

    const section = page.getByTestId("matter-hours");
    const total = page.getByTestId("matter-hours-total");
    await expect(total).toHaveText(/^\d+\.\d{2}$/);
    const before = hundredthsOf((await total.textContent())!);

    const logForm = page.getByRole("form", { name: "Log pro bono hours" });
    const log = async (workedOn: string, hours: string, activity: string, description: string) => {
      await logForm.getByLabel("Date worked").fill(workedOn);
      await logForm.getByLabel("Hours").fill(hours);
      await logForm.getByLabel("Activity").selectOption({ label: activity });
      await logForm.getByLabel("Description (optional)").fill(description);
      await logForm.getByRole("button", { name: "Log hours" }).click();
      await expect(section.getByRole("listitem").filter({ hasText: description })).toHaveCount(1);
    };
    await log(firstDay, "2.5", "Drafting", `${tag} declaration draft`);
    await log(secondDay, "1.25", "Records gathering", `${tag} docket pull`);
    const drafting = section.getByRole("listitem").filter({ hasText: tag }).filter({ hasText: "Drafting" });
    const records = section.getByRole("listitem").filter({ hasText: `${tag} docket pull` });
    await expect(drafting).toContainText("Daniel Okafor: 2.50 h, Drafting");
    await expect(records).toContainText("1.25 h, Records gathering");
    await expect(total).toHaveText(asHours(before + 250 + 125));

    // A bad correction: 25 hours on a date that does not exist. Each error is beside its field, and
    // what was typed stays.
    await drafting.getByRole("button", { name: `Correct the hours of ${firstDay}` }).click();
    const correction = page.getByRole("form", { name: `Correct the hours of ${firstDay}` });
    await expect(correction.getByLabel("Hours")).toHaveValue("2.50");
    await correction.getByLabel("Hours").fill("25");
    await correction.getByLabel("Description (optional)").fill(`${tag} declaration draft, with the exhibits`);
    const workedOn = correction.getByLabel("Date worked");
    await typeDate(page, workedOn, "02302003");
    expect(await workedOn.evaluate((input: HTMLInputElement) => input.validity.badInput)).toBe(true);
    await correction.getByRole("button", { name: "Save correction" }).click();
    await expect(correction.getByLabel("Hours")).toHaveAccessibleDescription("Enter between 0.01 and 24 hours.");
    await expect(correction.getByLabel("Hours")).toHaveAttribute("aria-invalid", "true");
    await expect(workedOn).toHaveAccessibleDescription("This date is not valid. Check the day, month and year.");
    await expect(correction.getByLabel("Hours")).toHaveValue("25");
    await expect(correction.getByLabel("Description (optional)")).toHaveValue(`${tag} declaration draft, with the exhibits`);
    // Nothing was saved.
    await expect(total).toHaveText(asHours(before + 250 + 125));

    // Fixed: the corrected entry replaces the original in the list and in the total (counted once).
    await workedOn.fill(firstDay);
    await correction.getByLabel("Hours").fill("3.75");
    await correction.getByRole("button", { name: "Save correction" }).click();
    await expect(correction).toHaveCount(0);
    await expect(drafting).toHaveCount(1);
    await expect(drafting).toContainText("Daniel Okafor: 3.75 h, Drafting");
    await expect(drafting).toContainText("with the exhibits");
    await expect(drafting).toContainText("corrected");
    await expect(section.getByRole("listitem").filter({ hasText: tag }).filter({ hasText: "2.50 h" })).toHaveCount(0);
    await expect(total).toHaveText(asHours(before + 375 + 125));

    // The other entry is removed (after the browser's confirmation): gone from the list and the total.
    page.once("dialog", (dialog) => void dialog.accept());
    await records.getByRole("button", { name: `Remove the hours of ${secondDay}` }).click();
    await expect(records).toHaveCount(0);
    await expect(total).toHaveText(asHours(before + 375));
    // Still so after a reload (the server's totals, not the page's memory).
    await page.reload();
    await expect(total).toHaveText(asHours(before + 375));
    await expect(section.getByRole("listitem").filter({ hasText: tag })).toHaveCount(1);
    await danielContext.close();

    // ---- Aisha sets the rate, then changes it again from the same page without reloading.
    const aisha = await signedInAs(browser, "legal-lead");
    await aisha.page.goto("/matters/hours");
    const rateForm = aisha.page.getByRole("form", { name: "Hourly rate" });
    const rateField = rateForm.getByLabel("Hourly rate for reports (dollars)");
    const saved = rateForm.getByRole("status").filter({ hasText: "Rate saved. Downloads from now on value hours at it." });
    const firstRate = `${randomInt(100, 200)}.00`;
    const rate = `${randomInt(200, 400)}.${randomInt(10, 100)}`;
    await rateField.fill(firstRate);
    await rateForm.getByRole("button", { name: "Save rate" }).click();
    await expect(saved).toBeVisible();
    await expect(aisha.page.getByText(`valued at $${firstRate} an hour`)).toBeVisible();
    await rateField.fill(`$${rate}`);
    await rateForm.getByRole("button", { name: "Save rate" }).click();
    await expect(aisha.page.getByText(`valued at $${rate} an hour`)).toBeVisible();
    await expect(saved).toBeVisible();
    await expect(rateForm.getByRole("alert")).toHaveCount(0);

    // A period that ends before it starts: the error is beside To, and no download is offered.
    const from = aisha.page.getByLabel("From", { exact: true });
    const to = aisha.page.getByLabel("To", { exact: true });
    await from.fill(secondDay);
    await to.fill(firstDay);
    await aisha.page.getByRole("button", { name: "Show" }).click();
    await expect(to).toHaveAccessibleDescription("The To date is before the From date. Choose a To date on or after it.");
    await expect(aisha.page.getByTestId("hours-csv")).toHaveCount(0);
    await expect(aisha.page.getByText("Correct the dates above to download.")).toBeVisible();
    await expect(from).toHaveValue(secondDay);

    // The two days, in order: the report and the download cover them.
    await to.fill(secondDay);
    await from.fill(firstDay);
    await aisha.page.getByRole("button", { name: "Show" }).click();
    await expect(aisha.page.getByTestId("hours-total")).toBeVisible();
    const downloading = aisha.page.waitForEvent("download");
    await aisha.page.getByTestId("hours-csv").click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`pro-bono-hours_${firstDay}_to_${secondDay}.csv`);
    const csv = await fs.readFile((await download.path())!, "utf8");
    const [header, ...rows] = csvRows(csv);
    // The value column is named with the rate just set (the second one), in dollars.
    expect(header).toEqual(["Date", "Attorney", "Matter (client code)", "Activity", "Hours", `Value at $${rate}/hour`]);
    const rateCents = hundredthsOf(rate);
    const value = (hundredths: number) => (Math.floor((hundredths * rateCents + 50) / 100) / 100).toFixed(2);
    const ours = rows.filter((cells) => cells[2] === clientCode);
    // The corrected hours only: not the original 2.50, not the removed 1.25.
    expect(ours).toEqual([[firstDay, "Daniel Okafor", clientCode, "Drafting", "3.75", value(375)]]);
    // Then a Total row that adds up the entry rows (whatever else is in the period).
    const totalRow = rows.at(-1)!;
    const entries = rows.slice(0, -1);
    expect(totalRow.slice(0, 4)).toEqual(["Total", "", "", ""]);
    expect(hundredthsOf(totalRow[4]!)).toBe(entries.reduce((sum, cells) => sum + hundredthsOf(cells[4]!), 0));
    expect(entries.every((cells) => cells[0] === firstDay || cells[0] === secondDay)).toBe(true);
    // No survivor's name: no demo legal name (each carries "(demo)") and none of the names they are made from.
    expect(csv).not.toContain("(demo)");
    const names = new Set([...DEMO_FIRST_NAMES, ...DEMO_LAST_NAMES, ...DEMO_PREFERRED_NAMES]);
    const words = csv.split(/[^\p{L}]+/u);
    expect(words.filter((word) => names.has(word))).toEqual([]);
    await aisha.close();

    // ---- Rosa (advocate) asks for the CSV directly: refused, and no CSV.
    const rosa = await signedInAs(browser, "advocate");
    const refused = await rosa.page.request.get(`/matters/hours/export?from=${firstDay}&to=${secondDay}`);
    expect(refused.status()).toBe(403);
    expect(refused.headers()["content-type"]).not.toContain("text/csv");
    expect(refused.headers()["content-disposition"]).toBeUndefined();
    const body = await refused.text();
    expect(body).toBe("You do not have permission to do that.");
    expect(body).not.toContain(clientCode);
    await rosa.close();
  });
});
