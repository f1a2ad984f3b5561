import { expect, test, type Page } from "@playwright/test";
import { pacificToday } from "../../lib/format";
import { signedInAs } from "./support/helpers";

// Nothing is saved twice from the browser: a double click, two submits of one form before the first
// answer, and Back then submit again after opening a matter each leave one record. Rosa is the demo
// advocate; each test makes its own survivor.

let serial = 0;
async function newSurvivor(page: Page): Promise<string> {
  serial += 1;
  await page.goto("/survivors/new");
  await page.getByLabel("Preferred name").fill(`Once ${Date.now().toString(36)}${process.pid}${serial}`);
  await page.getByRole("button", { name: "Create survivor record" }).click();
  await expect(page.getByText(/Survivor record CW-\d{4}-\d{5} created/)).toBeVisible();
  return new URL(page.url()).pathname;
}

test.describe("nothing is saved twice", () => {
  test("a double-clicked 'Add note' adds one note, and the form is ready for the next", async ({ browser }) => {
    const rosa = await signedInAs(browser, "advocate");
    const { page } = rosa;
    const path = await newSurvivor(page);
    const body = `Checked in at the safe time ${Date.now().toString(36)}`;
    const form = page.getByRole("form", { name: "Add a note" });
    await form.getByLabel("Note").fill(body);
    await form.getByRole("button", { name: "Add note" }).dblclick();
    await expect(form.getByText("Note added.")).toBeVisible();
    await expect(form.getByLabel("Note")).toHaveValue("");

    await page.goto(path);
    await expect(page.getByText(body)).toHaveCount(1);

    // The next note is a new record: the form minted a new key when it reset.
    await form.getByLabel("Note").fill(`${body}, again`);
    await form.getByRole("button", { name: "Add note" }).click();
    await expect(form.getByText("Note added.")).toBeVisible();
    await page.goto(path);
    await expect(page.getByText(`${body}, again`)).toHaveCount(1);
    await rosa.close();
  });

  test("a release form submitted twice before the first answer records one release", async ({ browser }) => {
    const rosa = await signedInAs(browser, "advocate");
    const { page } = rosa;
    const path = await newSurvivor(page);
    await page.goto(`${path}/releases/new`);
    await page.getByLabel("Recipient organization").selectOption({ label: "Businesses Ending Slavery and Trafficking (BEST)" });
    await page.getByRole("checkbox", { name: /Referral details/ }).check();
    await page.getByLabel("Purpose").fill("Housing referral");
    await page.getByRole("checkbox", { name: /services never depend on signing/ }).check();
    // Two submit events at once, past the disabled button (as a slow network and an impatient Enter
    // key can do): both reach the server, carrying the form's one key.
    const saves: string[] = [];
    page.on("request", (request) => {
      const body = request.postData() ?? "";
      if (request.method() === "POST" && request.headers()["next-action"] && body.includes("Housing referral")) saves.push(body);
    });
    await page.locator("form").filter({ has: page.getByRole("button", { name: "Record release" }) }).evaluate((form: HTMLFormElement) => {
      form.requestSubmit();
      form.requestSubmit();
    });
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    expect(saves).toHaveLength(2);
    expect(saves[1]).toBe(saves[0]);
    await page.reload();
    await expect(page.getByTestId("release").filter({ hasText: "Businesses Ending Slavery and Trafficking (BEST)" })).toHaveCount(1);
    await rosa.close();
  });

  test("Back and 'Open matter' again shows the matter already opened, not a second one", async ({ browser }) => {
    const rosa = await signedInAs(browser, "advocate");
    const { page } = rosa;
    const path = await newSurvivor(page);
    await page.goto(`${path}/court-records/new`);
    await page.getByLabel("Court name").fill("Seattle Municipal Court");
    await page.getByLabel("County or city").fill("Seattle");
    await page.getByLabel("Case (cause) number").fill("SMC 700999");
    await page.getByLabel("Prosecuting office").fill("Seattle City Attorney's Office");
    await page.getByLabel("Offense", { exact: true }).fill("Prostitution");
    await page.getByLabel("Citation (RCW or ordinance)").fill("RCW 9A.88.030");
    await page.getByLabel("Prostitution-related").selectOption("prostitution");
    await page.getByLabel("Type of court").selectOption("municipal");
    await page.getByLabel("Prosecuted by").selectOption("city_attorney");
    await page.getByLabel("Offense class").selectOption("misdemeanor");
    await page.getByLabel("Disposition").selectOption("guilty_plea");
    await page.getByLabel("Date of conviction").fill("2016-05-10");
    await page.getByLabel("Source").selectOption("court_docket");
    await page.getByLabel("Verified on").fill(pacificToday());
    await page.getByRole("button", { name: "Record conviction" }).click();
    await expect(page).toHaveURL(new RegExp(`${path}/court-records$`));

    await page.getByRole("link", { name: "Open a vacatur matter" }).click();
    await page.getByRole("checkbox", { name: /Seattle Municipal Court/ }).check();
    await page.getByRole("button", { name: "Open matter" }).click();
    await expect(page).toHaveURL(/\/matters\/[0-9a-f-]{36}$/);
    const matterUrl = page.url();

    // Back to the form (the same history entry), choose the same conviction and submit again.
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`${path}/matters/new$`));
    await page.getByRole("checkbox", { name: /Seattle Municipal Court/ }).check();
    await page.getByRole("button", { name: "Open matter" }).click();
    await expect(page).toHaveURL(matterUrl);

    // A fresh form (reloaded: a new key) is told, next to the convictions, that the matter exists.
    await page.goto(`${path}/matters/new`);
    await page.getByRole("checkbox", { name: /Seattle Municipal Court/ }).check();
    await page.getByRole("button", { name: "Open matter" }).click();
    await expect(page.getByText(/Seattle Municipal Court conviction of 2016-05-10 already has an open vacatur matter/)).toBeVisible();
    await expect(page.getByRole("checkbox", { name: /Seattle Municipal Court/ })).toBeChecked();

    await page.goto(path);
    await expect(page.getByTestId("survivor-matter")).toHaveCount(1);
    await rosa.close();
  });
});
