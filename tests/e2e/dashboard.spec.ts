import fs from "node:fs";
import { expect, test, type Locator } from "@playwright/test";
import { signedInAs } from "./support/helpers";

// The program lead's dashboard on the demo partnership: Dana (lead of the Organization for Prostitution
// Survivors) sees her advocates' caseloads, then the partnership, where Stolen Youth's caseload shows
// and its three survivors of labor trafficking read "fewer than 5"; the chart's CSV holds exactly its
// table. An advocate is refused the page and the download.

/** A table's rows as the page shows them: header, body and total, each a list of cell texts. */
async function tableRows(figure: Locator): Promise<string[][]> {
  return figure.locator("table tr").evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll("th, td")).map((cell) => cell.textContent!.trim())));
}

test.describe("the program lead's dashboard", () => {
  test("shows the demo partnership's figures, a cross-organization 3 as 'fewer than 5', and a chart's table equal to its CSV", async ({ browser }) => {
    const dana = await signedInAs(browser, "lead");
    const page = dana.page;
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    // Her own organization: the caseload per advocate, each number linking to that advocate's list.
    const caseload = page.getByTestId("figure-caseload");
    await expect(caseload.getByRole("heading", { name: "Active caseload per advocate" })).toBeVisible();
    for (const advocate of ["Rosa Delgado", "Tessa Nguyen"]) await expect(caseload.getByRole("row", { name: new RegExp(advocate) }).getByRole("link")).toHaveAttribute("href", /\/survivors\?advocateId=/);

    await page.getByLabel("Whose figures").selectOption("partnership");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/scope=partnership/);
    await expect(page.getByTestId("suppression-note")).toBeVisible();
    // Stolen Youth's twelve active survivors are enough to show; her own organization's row links to its list.
    const perOrganization = page.getByTestId("figure-caseload");
    await expect(perOrganization.getByRole("row", { name: /Stolen Youth/ }).getByRole("cell")).toHaveText(["12"]);
    await expect(perOrganization.getByRole("row", { name: /Organization for Prostitution Survivors/ }).getByRole("link")).toBeVisible();
    // Three of Stolen Youth's survivors, and none of hers, survived labor trafficking.
    const victimization = page.getByTestId("figure-victimization");
    await expect(victimization.getByRole("row", { name: /Labor trafficking/ }).getByRole("cell")).toHaveText(["0", "fewer than 5", "fewer than 5"]);

    const [download] = await Promise.all([page.waitForEvent("download"), victimization.getByRole("link", { name: "Download CSV: Victimization types of people served" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^clearway-dashboard_victimization_\d{4}-\d{2}-\d{2}_to_\d{4}-\d{2}-\d{2}_partnership\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    expect(csv.startsWith("\uFEFF"), "the CSV starts with a byte-order mark").toBe(true);
    const lines = csv.slice(1).trim().split("\r\n").map((line) => line.split(","));
    expect(lines).toEqual(await tableRows(victimization));
    expect(lines).toContainEqual(["Labor trafficking", "0", "fewer than 5", "fewer than 5"]);
    await dana.close();
  });

  test("refuses an advocate the page and its downloads", async ({ browser }) => {
    const rosa = await signedInAs(browser, "advocate");
    expect((await rosa.page.goto("/dashboard"))?.status()).toBe(403);
    await expect(rosa.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toHaveCount(0);
    const csv = await rosa.page.request.get("/dashboard/csv/victimization?scope=partnership");
    expect(csv.status()).toBe(403);
    expect(await csv.text()).not.toContain("trafficking");
    await rosa.close();
  });
});
