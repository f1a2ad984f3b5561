import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { pacificToday } from "../../lib/format";
import { pdfLines } from "../support/pdf-text";
import { callServerAction, chooseAttorney, serverActionId, signedInAs } from "./support/helpers";

// The draft petition an attorney downloads: the statutory basis is the route they recorded, and a
// survivor's name in Polish, Vietnamese and Chinese letters prints as typed (read back from the PDF
// the way a viewer reads it). Rosa (advocate) records the survivor and conviction and opens the
// matter; Aisha (Legal Hope's lead) assigns Daniel (attorney), who concludes and drafts.

const LEGAL_NAME = "Łukasz Nguyễn 李小龍";

async function draftLines(page: Page, name: RegExp): Promise<string[]> {
  const href = await page.getByRole("link", { name }).getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  return pdfLines(await response.body());
}

test("an attorney's recorded route becomes the draft's statutory basis, and a non-Latin name prints as typed", async ({ browser, baseURL }) => {
  test.slow();
  const rosa = await signedInAs(browser, "advocate");
  await rosa.page.goto("/survivors/new");
  await rosa.page.getByLabel("Preferred name").fill(`Drafts ${Date.now().toString(36)}${process.pid}`);
  await rosa.page.getByLabel("Legal name").fill(LEGAL_NAME);
  await rosa.page.getByLabel("Aliases and prior names").fill("Lukas Nguyen\n이민수");
  await rosa.page.getByRole("checkbox", { name: "Sex trafficking" }).check();
  await rosa.page.getByRole("button", { name: "Create survivor record" }).click();
  await expect(rosa.page.getByText(/Survivor record CW-\d{4}-\d{5} created/)).toBeVisible();
  const survivorId = new URL(rosa.page.url()).pathname.split("/").at(-1)!;

  await rosa.page.goto(`/survivors/${survivorId}/court-records`);
  await rosa.page.getByRole("link", { name: "Record a conviction" }).click();
  await rosa.page.getByLabel("Court name").fill("Seattle Municipal Court");
  await rosa.page.getByLabel("County or city").fill("Seattle");
  await rosa.page.getByLabel("Case (cause) number").fill("SMC 700456");
  await rosa.page.getByLabel("Prosecuting office").fill("Seattle City Attorney's Office");
  await rosa.page.getByLabel("Offense", { exact: true }).fill("Prostitution");
  await rosa.page.getByLabel("Citation (RCW or ordinance)").fill("RCW 9A.88.030");
  await rosa.page.getByLabel("Prostitution-related").selectOption("prostitution");
  await rosa.page.getByLabel("Type of court").selectOption("municipal");
  await rosa.page.getByLabel("Prosecuted by").selectOption("city_attorney");
  await rosa.page.getByLabel("Offense class").selectOption("misdemeanor");
  await rosa.page.getByLabel("Disposition").selectOption("guilty_plea");
  await rosa.page.getByLabel("Date of conviction").fill("2016-05-10");
  await rosa.page.getByLabel("Restitution ordered").selectOption("none");
  await rosa.page.getByLabel("Source").selectOption("court_docket");
  await rosa.page.getByLabel("Verified on").fill(pacificToday());
  await rosa.page.getByRole("button", { name: "Record conviction" }).click();
  await expect(rosa.page).toHaveURL(new RegExp(`/survivors/${survivorId}/court-records$`));

  // A release to Legal Hope covering identity and court records, then the matter.
  await rosa.page.getByRole("link", { name: "Open a vacatur matter" }).click();
  const legalHopeId = (await rosa.page.getByLabel("Legal organization (optional)").locator("option", { hasText: "Legal Hope" }).getAttribute("value"))!;
  const release = await callServerAction(rosa.page.request, baseURL!, serverActionId("lib/releases/actions.ts", "createReleaseAction"), [
    {
      survivorId,
      recipientOrganizationId: legalHopeId,
      categories: ["identity_contact", "criminal_court"],
      purpose: "Vacatur petition",
      form: "written",
      signedOn: pacificToday(),
      expiresOn: pacificToday(new Date(Date.now() + 60 * 86_400_000)),
      servicesNotConditioned: true,
      idempotencyKey: randomUUID(),
    },
  ]);
  expect(release.text).toContain('"ok":true');
  await rosa.page.reload();
  await rosa.page.getByRole("checkbox", { name: /Seattle Municipal Court/ }).check();
  await rosa.page.getByLabel("Legal organization (optional)").selectOption({ label: "Legal Hope" });
  await rosa.page.getByRole("button", { name: "Open matter" }).click();
  await expect(rosa.page).toHaveURL(/\/matters\/[0-9a-f-]{36}$/);
  const matterPath = new URL(rosa.page.url()).pathname;

  const aisha = await signedInAs(browser, "legal-lead");
  await aisha.page.goto(matterPath);
  await chooseAttorney(aisha.page, "Daniel Okafor", "Legal Hope");
  await aisha.page.getByRole("button", { name: "Assign" }).click();
  await expect(aisha.page.getByText("Legal Hope, Daniel Okafor")).toBeVisible();

  const daniel = await signedInAs(browser, "attorney");
  await daniel.page.goto(matterPath);
  await daniel.page.getByRole("button", { name: "I have no conflict of interest" }).click();
  await expect(daniel.page.getByTestId("matter-convictions")).toContainText("SMC 700456");

  // Before any conclusion, the draft leaves the statutory basis for the attorney to write.
  const before = await draftLines(daniel.page, /CrRLJ 09.0100 petition/);
  expect(before.join(" ")).toMatch(/under _{10,} \(statutory basis: to be completed by the attorney\)/);

  const conclusion = daniel.page.getByRole("form", { name: "Record your conclusion" });
  await conclusion.getByLabel("Your conclusion").selectOption({ label: "Eligible" });
  await conclusion.getByLabel("Route").selectOption({ label: "RCW 9.96.060(3), 9.96.080: Survivor route, misdemeanor or gross misdemeanor" });
  await conclusion.getByRole("button", { name: "Record conclusion" }).click();
  await expect(daniel.page.getByTestId("conclusion")).toContainText("Eligible under RCW 9.96.060(3), 9.96.080");

  const petition = await draftLines(daniel.page, /CrRLJ 09.0100 petition/);
  const text = petition.join(" ");
  expect(text).toContain("asks the court to vacate the conviction listed above under RCW 9.96.060(3), 9.96.080.");
  expect(text).not.toContain("to be completed by the attorney");
  expect(petition).toContain(`${LEGAL_NAME}, Defendant.`);
  expect(petition).toContain("Also known as: Lukas Nguyen; 이민수");
  expect(petition).toContain("No. SMC 700456");
  expect(petition).toContain("Date of conviction: May 10, 2016");
  expect(petition.find((line) => line.includes("WSBA"))).toMatch(/WSBA No\.: _{10,}/);

  const order = await draftLines(daniel.page, /CrRLJ 09.0200 proposed order/);
  expect(order.join(" ")).toContain("Petition brought under RCW 9.96.060(3), 9.96.080.");
  expect(order).toContain(`${LEGAL_NAME}, Defendant.`);

  for (const person of [rosa, aisha, daniel]) await person.close();
});
