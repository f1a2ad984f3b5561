import { expect, test, type Page } from "@playwright/test";
import { callServerAction, serverActionId, signedInAs } from "./support/helpers";

// Referrals in the browser: Rosa (advocate) refers, Jamal (partner staff at BEST) answers, Daniel
// (attorney at Legal Hope) is another organization's staff who must be kept out.

const BEST = "Businesses Ending Slavery and Trafficking (BEST)";

const as = signedInAs;

let serial = 0;
async function newSurvivor(page: Page): Promise<{ path: string; name: string }> {
  serial += 1;
  const name = `Referred ${Date.now().toString(36)}${process.pid}${serial}`;
  await page.goto("/survivors/new");
  await page.getByLabel("Preferred name").fill(name);
  await page.getByRole("button", { name: "Create survivor record" }).click();
  await expect(page.getByText(/Survivor record CW-\d{4}-\d{5} created/)).toBeVisible();
  return { path: new URL(page.url()).pathname, name };
}

async function referToBest(page: Page, survivorPath: string, reason: string): Promise<string> {
  await page.goto(survivorPath);
  await page.getByRole("link", { name: "Refer", exact: true }).click();
  await page.getByLabel("Refer to").selectOption({ label: `${BEST} (waitlist)` });
  await page.getByLabel("Service").selectOption({ label: "Employment" });
  // No release to BEST for this survivor: only the client code and need can go.
  await expect(page.getByRole("radio", { name: /Identity and contact details/ })).toBeDisabled();
  await expect(page.getByTestId("mode-summary")).toHaveText("Keep names and contact details out of the reason below.");
  await page.getByLabel("Reason (the need)").fill(reason);
  await page.getByRole("button", { name: "Send referral" }).click();
  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

test.describe("referrals", () => {
  test("an advocate refers without identifying details, the partner accepts from its inbox, and the advocate hears of it", async ({ browser }) => {
    const rosa = await as(browser, "advocate");
    const jamal = await as(browser, "partner");
    const survivor = await newSurvivor(rosa.page);
    const reason = `Wants daytime retail work ${serial}`;
    const referralPath = await referToBest(rosa.page, survivor.path, reason);
    await expect(rosa.page.getByText(`Sent without identifying details: ${BEST} sees the client code and the need only.`)).toBeVisible();

    await jamal.page.goto("/notifications");
    // Other tests notify the same partner at the same time: this referral's notice is the one naming its client code.
    const clientCode = /CW-\d{4}-\d{5,}/.exec(await rosa.page.title())![0];
    const notice = jamal.page.getByTestId("notification").filter({ hasText: clientCode });
    await expect(notice).toContainText(`New employment referral (routine) for ${clientCode} from Organization for Prostitution Survivors.`);
    await expect(notice).not.toContainText(survivor.name);
    await expect(notice).toContainText("· new");
    const noticeHref = (await notice.getByRole("link").getAttribute("href"))!;
    await notice.getByRole("link").click();
    await expect(jamal.page).toHaveURL(new RegExp(`${referralPath}$`));
    // Opening it marked it read. (Other tests notify the same partner at the same time, so the check is
    // on this notification, not on the header's total.)
    await jamal.page.goto("/notifications");
    const opened = jamal.page.getByTestId("notification").filter({ has: jamal.page.locator(`a[href="${noticeHref}"]`) });
    await expect(opened).toBeVisible();
    await expect(opened).not.toContainText("· new");
    await jamal.page.goto("/referrals");
    await expect(jamal.page.locator(`a[href="${referralPath}"]`)).toBeVisible();
    await jamal.page.locator(`a[href="${referralPath}"]`).click();
    await expect(jamal.page.getByText(reason)).toBeVisible();
    await expect(jamal.page.getByTestId("no-identity")).toBeVisible();
    await expect(jamal.page.getByText(survivor.name)).toHaveCount(0);

    await jamal.page.getByRole("button", { name: "Decline" }).click();
    await jamal.page.getByRole("button", { name: "Decline" }).click();
    await expect(jamal.page.getByText("Choose why you are declining.")).toBeVisible();
    await jamal.page.getByLabel("Why").selectOption("no_capacity");
    await jamal.page.getByRole("button", { name: "Decline" }).click();
    await expect(jamal.page.getByText("Reason for declining is required.")).toBeVisible();
    await jamal.page.getByRole("button", { name: "Cancel" }).click();
    await jamal.page.getByRole("button", { name: "Accept" }).click();
    await jamal.page.getByLabel("Note (optional)").fill("Intake call on Monday");
    await jamal.page.getByRole("button", { name: "Accept" }).click();
    await expect(jamal.page.getByTestId("referral-event").last()).toContainText("Sent → Accepted");

    await rosa.page.goto(referralPath);
    await expect(rosa.page.getByTestId("referral-event").last()).toContainText("Intake call on Monday");
    await expect(rosa.page.getByTestId("unread-count")).toBeVisible();
    await rosa.page.goto(survivor.path);
    await expect(rosa.page.getByTestId("survivor-referral")).toContainText("Accepted");
    await Promise.all([rosa.close(), jamal.close()]);
  });

  test("another organization's staff cannot open or change the referral, by page or by direct action call", async ({ browser, baseURL }) => {
    const rosa = await as(browser, "advocate");
    const daniel = await as(browser, "attorney");
    const survivor = await newSurvivor(rosa.page);
    const referralPath = await referToBest(rosa.page, survivor.path, "Needs work clothes and interview practice");
    const id = referralPath.split("/").pop()!;

    expect((await daniel.page.goto(referralPath))?.status()).toBe(404);
    const result = await callServerAction(daniel.page.request, baseURL!, serverActionId("lib/referrals/actions.ts", "transitionReferralAction"), [
      { id, version: 1, action: "accept", note: "taking it over" },
    ]);
    expect(result.text).toContain('"code":"not_found"');
    await daniel.page.goto("/referrals?status=all");
    await expect(daniel.page.locator(`a[href="${referralPath}"]`)).toHaveCount(0);

    await rosa.page.goto(referralPath);
    await expect(rosa.page.getByTestId("referral-event")).toHaveCount(1);
    await expect(rosa.page.getByText("taking it over")).toHaveCount(0);
    await Promise.all([rosa.close(), daniel.close()]);
  });

  test("partner staff keep their own directory entry; the directory filters by service, language and capacity", async ({ browser }) => {
    const jamal = await as(browser, "partner");
    await jamal.page.goto("/partners?service=employment");
    await jamal.page.getByRole("link", { name: BEST, exact: true }).click();
    await jamal.page.getByLabel("Languages").fill("English, Amharic, Tigrinya");
    await jamal.page.getByLabel("Intake contact").fill("Employment programs (demo) 206-555-0161");
    await jamal.page.getByRole("button", { name: "Save directory entry" }).click();
    await expect(jamal.page.getByTestId("form-alert")).toHaveText("Saved.");

    const rosa = await as(browser, "advocate");
    await rosa.page.goto("/partners?language=tigrinya&capacity=waitlist&service=employment");
    await expect(rosa.page.getByRole("link", { name: BEST, exact: true })).toBeVisible();
    await rosa.page.goto("/partners?language=tigrinya&capacity=accepting");
    await expect(rosa.page.getByText("No partners match these filters.")).toBeVisible();
    await rosa.page.goto("/partners?language=tigrinya");
    await rosa.page.getByRole("link", { name: BEST, exact: true }).click();
    await expect(rosa.page.getByText("206-555-0161")).toBeVisible();
    // An advocate reads the entry but cannot change another organization's.
    await expect(rosa.page.getByRole("button", { name: "Save directory entry" })).toHaveCount(0);
    await Promise.all([rosa.close(), jamal.close()]);
  });
});
