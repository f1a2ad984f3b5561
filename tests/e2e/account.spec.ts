import { expect, test } from "@playwright/test";
import { createUserAsAdmin, demo, firstSignIn, signInWithForm, signInWithRequest, uniqueEmail } from "./support/helpers";

test("a user changes their own password: the current one is checked, and the old one stops working", async ({ browser, page }) => {
  test.slow(); // five sign-ins, two-step setup included
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInWithRequest(admin, demo("admin").email);
  const email = uniqueEmail("self-service");
  // (an organization that holds no survivor data: nobody needs to approve the account)
  await createUserAsAdmin(admin, { name: "Jo Mensah", email, role: "Program lead", organization: "Washington State Department of Commerce (Government)" });
  await adminContext.close();

  await firstSignIn(page, email, "first own passphrase");
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto("/account/password");
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("second own passphrase");
  await page.getByLabel("Confirm new password").fill("second own passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveValue("second own passphrase");

  // A password from the breach lists is refused beside its field, with the reason; what was typed stays.
  const newPassword = page.getByLabel("New password", { exact: true });
  await page.getByLabel("Current password").fill("first own passphrase");
  await newPassword.fill("iloveyou1234");
  await page.getByLabel("Confirm new password").fill("iloveyou1234");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(newPassword).toHaveAccessibleDescription(/on a list of passwords leaked in data breaches/);
  await expect(newPassword).toHaveValue("iloveyou1234");
  // So is one made of the account's own name.
  await newPassword.fill("mensah family garden");
  await page.getByLabel("Confirm new password").fill("mensah family garden");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(newPassword).toHaveAccessibleDescription(/account's name or email/);

  await newPassword.fill("second own passphrase");
  await page.getByLabel("Confirm new password").fill("second own passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("form-alert")).toContainText("Your password has been changed.");

  await page.getByRole("button", { name: "Sign out" }).click();
  // Neither the old password nor the refused ones work.
  for (const refused of ["first own passphrase", "iloveyou1234"]) {
    await signInWithForm(page, email, refused);
    await expect(page.getByTestId("form-alert")).toBeVisible();
  }
  await signInWithForm(page, email, "second own passphrase");
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto("/account");
  await expect(page.getByText("This session")).toBeVisible();
});
