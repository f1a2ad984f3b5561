import { expect, test, type Browser } from "@playwright/test";
import { approveAsLead, createUserAsAdmin, demo, firstSignIn, INITIAL_PASSWORD, signInWithForm, signInWithRequest, uniqueEmail } from "./support/helpers";

async function adminPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithRequest(page, demo("admin").email);
  return { page, close: () => context.close() };
}

test.describe("managing users", () => {
  test("the new-user form flags each problem beside its field and keeps what was typed", async ({ browser }) => {
    const admin = await adminPage(browser);
    const { page } = admin;
    await page.goto("/admin/users/new");
    await page.getByLabel("Full name").fill("Kim Lee");
    await page.getByLabel("Email").fill("not an email");
    await page.getByLabel("Initial password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByText("Enter a valid email address, like name@agency.org.")).toBeVisible();
    await expect(page.getByText("Choose a role.")).toBeVisible();
    await expect(page.getByText(/Use at least 12 characters/)).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue("Kim Lee");

    // The server's own checks land on the field too: this email is taken.
    await page.getByLabel("Email").fill(demo("advocate").email);
    await page.getByLabel("Role").selectOption({ label: "Advocate" });
    await page.getByLabel("Organization").selectOption({ label: "Organization for Prostitution Survivors (Service provider)" });
    await page.getByLabel("Initial password", { exact: true }).fill(INITIAL_PASSWORD);
    await page.getByLabel("Confirm initial password").fill(INITIAL_PASSWORD);
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByText("Someone already has an account with this email address.")).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue("Kim Lee");
    await admin.close();
  });

  test("an admin creates a user, who signs in, must choose their own password, and arrives home", async ({ browser, page }) => {
    const admin = await adminPage(browser);
    const email = uniqueEmail("new-advocate");
    await createUserAsAdmin(admin.page, { name: "Noor Haddad", email, role: "Advocate", organization: "Organization for Prostitution Survivors (Service provider)" });
    // OPS holds survivor data: one of its program leads lets Noor in first.
    await approveAsLead(browser, "Noor Haddad");

    await firstSignIn(page, email, "a passphrase of her own");
    await expect(page).toHaveURL(/\/today$/);
    await expect(page.getByTestId("home-overdue")).toContainText("No referral is waiting too long for an answer.");
    await page.goto("/home");
    await expect(page.getByTestId("role-summary")).toContainText("Signed in as Advocate at Organization for Prostitution Survivors");

    // The creation and the sign-in are in the audit trail.
    await admin.page.goto("/admin/audit?action=user.created");
    await expect(admin.page.getByTestId("audit-table")).toContainText("Noor Haddad");
    await admin.close();
  });

  test("a deactivated user loses their open session at once and cannot sign in again", async ({ browser, page }) => {
    const admin = await adminPage(browser);
    const email = uniqueEmail("leaving");
    // (an organization that holds no survivor data: nobody needs to approve the account)
    const userPath = await createUserAsAdmin(admin.page, { name: "Sam Ortiz", email, role: "Program lead", organization: "Kent Municipal Court (Court)" });
    await firstSignIn(page, email, "a passphrase he chose");
    await expect(page).toHaveURL(/\/dashboard$/);

    await admin.page.goto(userPath);
    await admin.page.getByRole("button", { name: "Deactivate account" }).click();
    await admin.page.getByRole("button", { name: "Yes, deactivate" }).click();
    await expect(admin.page.getByRole("button", { name: "Reactivate account" })).toBeVisible();

    await page.reload();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByText("Your session has ended. Please sign in again.")).toBeVisible();

    await signInWithForm(page, email, "a passphrase he chose");
    await expect(page.getByTestId("form-alert")).toHaveText("This account is deactivated. Ask your administrator if you need access.");
    await admin.close();
  });

  test("changing someone's role signs them out at once", async ({ browser, page }) => {
    test.slow(); // the lead approves twice
    const admin = await adminPage(browser);
    const email = uniqueEmail("promoted");
    const userPath = await createUserAsAdmin(admin.page, { name: "Lena Park", email, role: "Advocate", organization: "Organization for Prostitution Survivors (Service provider)" });
    await approveAsLead(browser, "Lena Park");
    await firstSignIn(page, email, "a passphrase she chose");
    await expect(page).toHaveURL(/\/today$/);

    await admin.page.goto(userPath);
    await admin.page.getByLabel("Role").selectOption({ label: "Program lead" });
    await admin.page.getByRole("button", { name: "Save changes" }).click();
    await expect(admin.page.getByTestId("form-alert")).toHaveText("Saved.");

    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in/);
    // A new role in an organization holding survivor data is the organization's to approve, again.
    await signInWithForm(page, email, "a passphrase she chose");
    await expect(page.getByTestId("form-alert")).toContainText("Your account is waiting for a program lead of Organization for Prostitution Survivors to approve it.");
    await approveAsLead(browser, "Lena Park");
    await signInWithForm(page, email, "a passphrase she chose");
    // A program lead now: she lands on the dashboard, with what waits for a lead on top. (Its first
    // render counts the figures: on a loaded 2-core machine with PGlite that can take more than 10 s.)
    await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
    await expect(page.getByRole("heading", { name: "Waiting for you today" })).toBeVisible();
    await admin.close();
  });

  test("two admins editing one user: the later save is refused, says who saved first, and keeps the typing", async ({ browser }) => {
    const first = await adminPage(browser);
    const email = uniqueEmail("contested");
    const userPath = await createUserAsAdmin(first.page, { name: "Ari Cohen", email, role: "Attorney", organization: "Legal Hope (Legal aid)" });

    const second = await adminPage(browser);
    await second.page.goto(userPath);
    await first.page.goto(userPath);

    await first.page.getByLabel("Full name").fill("Ari Cohen-Levi");
    await first.page.getByRole("button", { name: "Save changes" }).click();
    await expect(first.page.getByTestId("form-alert")).toHaveText("Saved.");

    await second.page.getByLabel("Full name").fill("Arielle Cohen");
    await second.page.getByRole("button", { name: "Save changes" }).click();
    await expect(second.page.getByTestId("form-alert")).toContainText("Morgan Reyes saved changes to this user");
    await expect(second.page.getByTestId("form-alert")).toContainText("Nothing was saved");
    await expect(second.page.getByLabel("Full name")).toHaveValue("Arielle Cohen");

    await second.page.reload();
    await expect(second.page.getByLabel("Full name")).toHaveValue("Ari Cohen-Levi");
    await first.close();
    await second.close();
  });

  test("five wrong passwords lock the account: the sixth attempt is refused even with the right password", async ({ browser, page }) => {
    const admin = await adminPage(browser);
    const email = uniqueEmail("locked");
    const userPath = await createUserAsAdmin(admin.page, { name: "Rae Quinn", email, role: "Prosecutor", organization: "King County Prosecuting Attorney's Office (Prosecutor's office)" });

    // The form keeps the email after a refusal: each attempt retypes only the password, as a person would.
    await signInWithForm(page, email, "wrong guess 1");
    await expect(page.getByTestId("form-alert")).toHaveText("That email and password do not match an account. Check both and try again.");
    const retry = async (password: string) => {
      await expect(page.getByLabel("Email")).toHaveValue(email);
      await page.getByLabel("Password").fill(password);
      // The alert may already read the same from the attempt before: wait for this attempt's answer.
      const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in");
      await page.getByRole("button", { name: "Sign in" }).click();
      await answered;
    };
    for (let attempt = 2; attempt <= 4; attempt++) {
      await retry(`wrong guess ${attempt}`);
      await expect(page.getByTestId("form-alert")).toHaveText("That email and password do not match an account. Check both and try again.");
    }
    await retry("wrong guess 5");
    await expect(page.getByTestId("form-alert")).toContainText("Too many failed attempts. Sign-in to this account is paused for 15 minutes.");

    await retry(INITIAL_PASSWORD);
    await expect(page.getByTestId("form-alert")).toContainText("Too many failed attempts.");
    await expect(page).toHaveURL(/\/sign-in/);

    await admin.page.goto(userPath);
    await expect(admin.page.getByText(/Locked out until/)).toBeVisible();
    await admin.page.goto("/admin/audit?action=auth.lockout");
    await expect(admin.page.getByTestId("audit-table")).toContainText("Rae Quinn");
    await admin.close();
  });
});
