import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { callServerAction, demo, serverActionId, signedInAs } from "./support/helpers";

// Survivor records in the browser, as the demo partnership's people: Rosa (advocate), Tessa (the
// other advocate), Dana (their program lead), Jamal (partner staff at BEST).

const as = signedInAs;

let serial = 0;
function uniqueName(prefix: string): string {
  serial += 1;
  return `${prefix} ${Date.now().toString(36)}${process.pid}${serial}`;
}

/** Intake through the form with just the essentials; returns the new record's path. */
async function intake(page: Page, fields: { preferredName: string; legalName?: string; dateOfBirth?: string }): Promise<string> {
  await page.goto("/survivors/new");
  await page.getByLabel("Preferred name").fill(fields.preferredName);
  if (fields.legalName) await page.getByLabel("Legal name").fill(fields.legalName);
  if (fields.dateOfBirth) await page.getByLabel("Date of birth").fill(fields.dateOfBirth);
  await page.getByRole("button", { name: "Create survivor record" }).click();
  await expect(page.getByText(/Survivor record CW-\d{4}-\d{5} created/)).toBeVisible();
  return new URL(page.url()).pathname;
}

test.describe("survivor records", () => {
  test("intake flags mistakes beside the field, then warns of a duplicate and opens the existing record", async ({ browser }) => {
    const rosa = await as(browser, "advocate");
    const { page } = rosa;
    const legalName = uniqueName("Rowan Example");
    const firstPath = await intake(page, { preferredName: "Ro", legalName, dateOfBirth: "1991-04-12" });
    const firstCode = (await page.locator("h1 + p .font-mono").first().textContent())!;

    await page.goto("/survivors/new");
    await page.getByLabel("Legal name").fill(legalName.toUpperCase());
    await page.getByLabel("Date of birth").fill("1991-04-12");
    await page.getByRole("textbox", { name: "Email" }).fill("not-an-email");
    await page.getByRole("button", { name: "Create survivor record" }).click();
    await expect(page.getByText("Enter the name the survivor wants to be called.")).toBeVisible();
    await expect(page.getByText("Enter an email address like name@example.org.")).toBeVisible();
    await expect(page.getByLabel("Legal name")).toHaveValue(legalName.toUpperCase());

    await page.getByLabel("Preferred name").fill("Rowan");
    await page.getByRole("textbox", { name: "Email" }).fill("");
    await page.getByRole("button", { name: "Create survivor record" }).click();
    const warning = page.getByTestId("duplicates");
    await expect(warning).toContainText(firstCode);
    await expect(warning).toContainText("same legal name and date of birth");
    await warning.getByRole("button", { name: `Open ${firstCode} instead` }).click();
    await expect(page).toHaveURL(new RegExp(`${firstPath}$`));
    await rosa.close();
  });

  test("a note goes on the timeline, and the access log shows who looked", async ({ browser }) => {
    const rosa = await as(browser, "advocate");
    const { page } = rosa;
    const path = await intake(page, { preferredName: uniqueName("Noted") });
    await page.getByLabel("Kind").selectOption("advocacy");
    await page.getByLabel("Note", { exact: true }).fill("Talked through what vacatur does and does not do.");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByTestId("form-alert")).toHaveText("Note added.");
    await expect(page.getByTestId("timeline-item").first()).toContainText("Talked through what vacatur does and does not do.");
    await expect(page.getByLabel("Note", { exact: true })).toHaveValue("");

    const dana = await as(browser, "lead");
    await dana.page.goto(path);
    await expect(dana.page.getByText("Talked through what vacatur does and does not do.")).toBeVisible();
    await page.getByRole("link", { name: "Access" }).click();
    await expect(page.getByRole("heading", { name: "Who has seen this record" })).toBeVisible();
    await expect(page.getByTestId("access-entry").first()).toContainText(demo("lead").name);
    await dana.close();
    await rosa.close();
  });

  test("two people editing one record: the later save is refused, says who saved first, and keeps the typing", async ({ browser }) => {
    const rosa = await as(browser, "advocate");
    const dana = await as(browser, "lead");
    const path = await intake(rosa.page, { preferredName: uniqueName("Contested") });
    await rosa.page.goto(`${path}/edit`);
    await dana.page.goto(`${path}/edit`);

    await dana.page.getByLabel("Pronouns").fill("they/them");
    await dana.page.getByRole("button", { name: "Save changes" }).click();
    await expect(dana.page).toHaveURL(new RegExp(`${path}$`));

    await rosa.page.getByLabel("Safe times").fill("Mornings before 9");
    await rosa.page.getByRole("button", { name: "Save changes" }).click();
    await expect(rosa.page.getByTestId("form-alert").first()).toContainText(`${demo("lead").name} saved changes to this survivor record`);
    await expect(rosa.page.getByLabel("Safe times")).toHaveValue("Mornings before 9");
    await rosa.close();
    await dana.close();
  });

  test("a lead moves a survivor: the old advocate loses access, the new one gains it", async ({ browser }) => {
    const rosa = await as(browser, "advocate");
    const tessa = await as(browser, "advocate2");
    const dana = await as(browser, "lead");
    const path = await intake(rosa.page, { preferredName: uniqueName("Moving") });

    const before = await tessa.page.goto(path);
    expect(before?.status()).toBe(404);

    await dana.page.goto(path);
    await dana.page.getByLabel("Reassign to").selectOption({ label: demo("advocate2").name });
    await dana.page.getByRole("button", { name: "Reassign" }).click();
    await expect(dana.page.getByText(`Moved from ${demo("advocate").name} to ${demo("advocate2").name}`)).toBeVisible();

    const after = await rosa.page.goto(path);
    expect(after?.status()).toBe(404);
    await expect(rosa.page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
    await tessa.page.goto(path);
    await expect(tessa.page.getByText(`Advocate: ${demo("advocate2").name}`)).toBeVisible();
    await Promise.all([rosa.close(), tessa.close(), dana.close()]);
  });

  test("a release opens the partner's view of what it covers, and revoking it closes the view at once", async ({ browser }) => {
    const rosa = await as(browser, "advocate");
    const jamal = await as(browser, "partner");
    const name = uniqueName("Shared");
    const path = await intake(rosa.page, { preferredName: name, legalName: uniqueName("Legal") });
    expect((await jamal.page.goto(path))?.status()).toBe(404);

    await rosa.page.getByRole("link", { name: "Record a release" }).click();
    await rosa.page.getByLabel("Recipient organization").selectOption({ label: "Businesses Ending Slavery and Trafficking (BEST)" });
    await rosa.page.getByLabel("Identity and contact details").check();
    await rosa.page.getByLabel("Purpose").fill("Job-readiness referral");
    await rosa.page.getByRole("button", { name: "Record release" }).click();
    await expect(rosa.page.getByText("Confirm the survivor was told that services never depend on signing a release.")).toBeVisible();
    await rosa.page.getByLabel(/services never depend on signing this release/).check();
    await rosa.page.getByRole("button", { name: "Record release" }).click();
    await expect(rosa.page.getByTestId("release")).toContainText("Active");

    await jamal.page.goto("/survivors");
    await expect(jamal.page.getByRole("cell", { name })).toBeVisible();
    await jamal.page.goto(path);
    await expect(jamal.page.getByRole("heading", { level: 1 })).toContainText(name);
    await expect(jamal.page.getByText("Safe contact: read before any contact")).toBeVisible();
    await expect(jamal.page.getByRole("heading", { name: "Timeline" })).toHaveCount(0);

    await rosa.page.getByRole("button", { name: "Revoke" }).click();
    await rosa.page.getByLabel("How did the survivor tell you?").selectOption({ label: "Told us by phone" });
    await rosa.page.getByRole("button", { name: "Revoke now" }).click();
    await expect(rosa.page.getByTestId("release")).toContainText("Revoked");

    expect((await jamal.page.reload())?.status()).toBe(404);
    await jamal.page.goto("/survivors");
    await expect(jamal.page.getByRole("cell", { name })).toHaveCount(0);

    await rosa.page.goto(`${path}/access`);
    await expect(rosa.page.getByTestId("access-entry").filter({ hasText: demo("partner").name }).first()).toContainText("Release to Businesses Ending Slavery");
    await Promise.all([rosa.close(), jamal.close()]);
  });

  test("an advocate from another caseload is refused on the page and on a direct server-action call", async ({ browser, baseURL }) => {
    const rosa = await as(browser, "advocate");
    const tessa = await as(browser, "advocate2");
    const name = uniqueName("Private");
    const path = await intake(rosa.page, { preferredName: name });
    const id = path.split("/").pop()!;

    const response = await tessa.page.goto(path);
    expect(response?.status()).toBe(404);
    expect((await tessa.page.goto(`${path}/edit`))?.status()).toBe(404);
    expect((await tessa.page.goto(`${path}/access`))?.status()).toBe(404);

    const update = await callServerAction(tessa.page.request, baseURL!, serverActionId("lib/survivors/actions.ts", "updateSurvivorAction"), [
      { id, version: 1, preferredName: "Taken over" },
    ]);
    expect(update.text).toContain('"code":"not_found"');
    const note = await callServerAction(tessa.page.request, baseURL!, serverActionId("lib/survivors/actions.ts", "addNoteAction"), [
      { survivorId: id, kind: "contact", contactDate: "2026-11-01", body: "not mine to write", idempotencyKey: randomUUID() },
    ]);
    expect(note.text).toContain('"code":"not_found"');
    expect(note.text).not.toContain('"ok":true');

    // A partner without a release, and an admin, are refused the same way.
    const jamal = await as(browser, "partner");
    expect((await jamal.page.goto(path))?.status()).toBe(404);
    const admin = await as(browser, "admin");
    expect((await admin.page.goto(path))?.status()).toBe(403);

    await rosa.page.reload();
    await expect(rosa.page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(rosa.page.getByText("not mine to write")).toHaveCount(0);
    await Promise.all([rosa.close(), tessa.close(), jamal.close(), admin.close()]);
  });
});
