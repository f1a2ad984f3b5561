import fs from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parseCsv } from "../support/csv";
import { signedInAs } from "./support/helpers";

// Finding a survivor by an alias, as Rosa (OPS advocate) and as Lena (an advocate of another agency,
// Stolen Youth), and the record's pages named by its client code in the browser's title — for Rosa only.
// The search is posted, never put in a URL (SECURITY.md 14.2.1): the list's address carries it sealed.

test("a search by alias finds the survivor for their advocate and not for another organization's; the record's title is its client code", async ({ browser }) => {
  const tag = Date.now().toString(36);
  const rosa = await signedInAs(browser, "advocate");
  const { page } = rosa;
  await page.goto("/survivors/new");
  await page.getByLabel("Preferred name").fill(`Searchable ${tag}`);
  await page.getByLabel("Aliases and prior names").fill(`Zoë Marchetti${tag}`);
  await page.getByRole("button", { name: "Create survivor record" }).click();
  await expect(page.getByText(/Survivor record CW-\d{4}-\d{5} created/)).toBeVisible();
  const code = (await page.locator("h1 + p .font-mono").first().textContent())!;
  await expect(page).toHaveTitle(`${code} · Survivor · Clearway`);
  const path = new URL(page.url()).pathname;
  await page.goto(`${path}/edit`);
  await expect(page).toHaveTitle(`${code} · Edit survivor · Clearway`);

  // The alias typed without its accent and in capitals.
  const search = async (who: typeof page) => {
    await who.goto("/survivors");
    await who.getByLabel("Client code, name, alias or date of birth").fill(`ZOE MARCHETTI${tag.toUpperCase()}`);
    await who.getByRole("button", { name: "Filter" }).click();
  };
  await search(page);
  await expect(page.getByRole("table").getByRole("link")).toHaveText([code]);
  // Neither the address (history, logs, Referer) nor the CSV link holds what was searched; the CSV holds what the list shows.
  const url = decodeURIComponent(page.url()).toLowerCase();
  expect(url).toMatch(/\/survivors\?.*\bs=/);
  for (const word of ["zoe", "marchetti", tag]) expect(url).not.toContain(word);
  expect(decodeURIComponent((await page.getByTestId("export-csv").getAttribute("href"))!).toLowerCase()).not.toContain("marchetti");
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-csv").click();
  const [, ...rows] = parseCsv(await fs.readFile((await (await downloading).path())!, "utf8"));
  expect(rows.map((r) => r[0])).toEqual([code]);

  const lena = await signedInAs(browser, "youth-advocate");
  await search(lena.page);
  await expect(lena.page.getByText("No survivors match these filters.")).toBeVisible();
  await expect(lena.page.getByRole("table").getByRole("link")).toHaveCount(0);
  // Nor does the record's address tell her which record it is.
  await lena.page.goto(path);
  await expect(lena.page.getByText(/not found/i).first()).toBeVisible();
  expect(await lena.page.title()).not.toContain(code);
  await lena.close();
  await rosa.close();
});
