import { expect, test } from "@playwright/test";
import { createUserAsAdmin, firstSignIn, INITIAL_PASSWORD, signedInAs, signInWithForm, uniqueEmail } from "./support/helpers";

test("an advocate an admin creates in the demo agency waits until its program lead approves on their home", async ({ browser, page }) => {
  // Three people and four password hashes in one story.
  test.slow();
  const admin = await signedInAs(browser, "admin");
  const email = uniqueEmail("waiting-advocate");
  const userPath = await createUserAsAdmin(admin.page, {
    name: "Ines Moreau",
    email,
    role: "Advocate",
    organization: "Organization for Prostitution Survivors (Service provider)",
  });
  await expect(admin.page.getByTestId("approval-state")).toContainText("for a program lead of Organization for Prostitution Survivors to approve this account");

  // The right password is told to wait (a wrong one still gets the usual message).
  await signInWithForm(page, email, "not the password at all");
  await expect(page.getByTestId("form-alert")).toHaveText("That email and password do not match an account. Check both and try again.");
  await signInWithForm(page, email, INITIAL_PASSWORD);
  await expect(page.getByTestId("form-alert")).toHaveText(
    "Your account is waiting for a program lead of Organization for Prostitution Survivors to approve it. You can sign in once they have.",
  );
  await expect(page).toHaveURL(/\/sign-in/);

  // Dana, OPS's program lead, is told and approves on her home page.
  const lead = await signedInAs(browser, "lead");
  await lead.page.goto("/notifications");
  await expect(lead.page.getByTestId("notification").filter({ hasText: "Ines Moreau (Advocate) is waiting" })).toHaveCount(1);
  await lead.page.goto("/home");
  const waiting = lead.page.getByTestId("waiting-approval").filter({ hasText: "Ines Moreau" });
  await expect(waiting).toContainText("Advocate · New account, created by an administrator (Morgan Reyes)");
  await expect(waiting).toContainText("Waiting since");
  await waiting.getByRole("button", { name: "Approve" }).click();
  await expect(waiting).toHaveCount(0);
  await lead.close();

  await admin.page.goto(userPath);
  await expect(admin.page.getByTestId("approval-state")).toContainText("Approved by Dana Whitfield");
  await admin.close();

  // Now Ines signs in, chooses her own password and arrives at her (empty) day.
  await firstSignIn(page, email, "a passphrase she picked");
  await expect(page).toHaveURL(/\/today$/);
});
