import fs from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parseCsv } from "../support/csv";
import { signedInAs } from "./support/helpers";

// A list's CSV in the browser (issue 12): Rosa (advocate) filters her caseload, downloads it, and the
// file holds exactly the rows the filtered list shows, with its columns; the download then shows on
// the Access tab of a survivor it included. Everything else about exports (every list, every role,
// refusals, the audit) is in tests/integration/exports.test.ts.

test("an advocate downloads her filtered caseload as CSV, and the export shows on an included survivor's Access tab", async ({ browser }) => {
  const rosa = await signedInAs(browser, "advocate");
  const { page } = rosa;
  await page.goto("/survivors");
  const filter = page.getByRole("search", { name: "Filter survivors" });
  await filter.getByLabel("Status").selectOption("all");
  await filter.getByLabel("County").selectOption("King");
  await filter.getByRole("button", { name: "Filter" }).click();
  // The filter form posts (the caseload's search must not be in a URL); the plain filters come back as parameters.
  await expect(page).toHaveURL(/\/survivors\?status=all&county=King&sort=name$/);

  const codes = page.locator("tbody tr td:first-child a");
  await expect(codes.first()).toBeVisible();
  const listed = await page.locator("tbody tr").evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));
  expect(listed.length).toBeLessThanOrEqual(25); // one page: the file is compared with all of it

  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-csv").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^caseload_\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...rows] = parseCsv(await fs.readFile((await download.path())!, "utf8"));
  expect(header).toEqual(["Client code", "Preferred name", "Pronouns", "Status", "Advocate", "County", "Intake date"]);
  // The same survivors in the same order, each in King county and Rosa's.
  expect(rows.map((r) => r[0])).toEqual(listed.map((r) => r[0]));
  expect(rows.every((r) => r[5] === "King" && r[4] === "Rosa Delgado")).toBe(true);
  expect(rows.map((r) => `${r[1]}${r[2] ? ` (${r[2]})` : ""}`)).toEqual(listed.map((r) => r[1]));

  // The first survivor's Access tab: the export, by Rosa, just now.
  await codes.first().click();
  await page.getByRole("link", { name: "Access", exact: true }).click();
  const entry = page.getByTestId("access-entry").filter({ hasText: "Included in a caseload export (CSV)" }).first();
  await expect(entry).toContainText("Rosa Delgado");
  await rosa.close();
});
