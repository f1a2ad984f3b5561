import { expect, test } from "@playwright/test";
import { callServerAction, demo, serverActionId, signInWithRequest } from "./support/helpers";

test.describe("the admin area refuses everyone else", () => {
  for (const role of ["lead", "advocate", "attorney", "prosecutor", "partner"]) {
    test(`${role}: 403 with no data on every admin page`, async ({ page }) => {
      await signInWithRequest(page, demo(role).email);
      for (const path of ["/admin", "/admin/users", "/admin/users/new", "/admin/organizations", "/admin/audit"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
        const html = await page.content();
        expect(html, path).not.toContain("admin@clearway.test");
        expect(html, path).not.toContain("Morgan Reyes");
        expect(html, path).not.toContain("Audit trail for");
      }
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
    });
  }

  test("an advocate calling the admin server actions directly is refused and nothing changes", async ({ page, browser, baseURL }) => {
    // The admin finds the partner's account: its id and version.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signInWithRequest(admin, demo("admin").email);
    await admin.goto("/admin/users?q=partner%40clearway.test");
    await admin.getByRole("link", { name: demo("partner").name }).click();
    await admin.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    const partnerId = admin.url().split("/").pop()!;
    const version = await admin.locator('input[name="version"]').inputValue();

    // The advocate posts straight to the actions, with a valid session of their own.
    await signInWithRequest(page, demo("advocate").email);
    const update = await callServerAction(page.request, baseURL!, serverActionId("lib/users/actions.ts", "updateUserAction"), [
      { id: partnerId, version: Number(version), name: "Taken Over", email: "advocate-owned@example.test", role: "admin", organizationId: "" },
    ]);
    expect(update.status).toBe(200);
    expect(update.text).toContain('"code":"forbidden"');
    expect(update.text).not.toContain('"ok":true');

    const create = await callServerAction(page.request, baseURL!, serverActionId("lib/users/actions.ts", "createUserAction"), [
      { name: "Backdoor Admin", email: "backdoor@example.test", role: "admin", organizationId: "", password: "backdoor password 1", confirmPassword: "backdoor password 1" },
    ]);
    expect(create.text).toContain('"code":"forbidden"');

    const deactivate = await callServerAction(page.request, baseURL!, serverActionId("lib/users/actions.ts", "setUserActiveAction"), [
      { id: partnerId, version: Number(version), active: false },
    ]);
    expect(deactivate.text).toContain('"code":"forbidden"');

    // Nothing changed: the partner is as before, and no backdoor account exists.
    await admin.reload();
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText(demo("partner").name);
    await expect(admin.getByLabel("Email")).toHaveValue(demo("partner").email);
    await expect(admin.getByLabel("Role")).toHaveValue("partner");
    await expect(admin.locator('input[name="version"]')).toHaveValue(version);
    await expect(admin.getByRole("button", { name: "Deactivate account" })).toBeVisible();
    await admin.goto("/admin/users?q=backdoor&status=all");
    await expect(admin.getByText("No users match these filters.")).toBeVisible();

    // And the attempts are on the record.
    await admin.goto("/admin/audit?action=access.denied");
    await expect(admin.getByTestId("audit-table")).toContainText("action:updateUser");
    await expect(admin.getByTestId("audit-table")).toContainText("action:createUser");
    await adminContext.close();
  });

  test("the cookie of a signed-out admin session cannot call server actions", async ({ page, browser, playwright, baseURL }) => {
    await signInWithRequest(page, demo("admin").email, { fresh: true });
    await page.goto("/admin");
    const oldCookie = await page.context().storageState();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    const replay = await playwright.request.newContext({ baseURL, storageState: oldCookie });
    const result = await callServerAction(replay, baseURL!, serverActionId("lib/users/actions.ts", "createUserAction"), [
      { name: "Ghost Admin", email: "ghost-admin@example.test", role: "admin", organizationId: "", password: "ghost password 12", confirmPassword: "ghost password 12" },
    ]);
    expect(result.text).not.toContain('"ok":true');
    await replay.dispose();

    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signInWithRequest(admin, demo("admin").email);
    await admin.goto("/admin/users?q=ghost-admin&status=all");
    await expect(admin.getByText("No users match these filters.")).toBeVisible();
    await adminContext.close();
  });
});
