import { expect, test } from "@playwright/test";
import { pacificToday } from "../../lib/format";
import { callServerAction, serverActionId, signedInAs } from "./support/helpers";

// The attorney's desk: Daniel (attorney, Legal Hope) sees a past-due deadline flagged in words on his
// list, and records the court's continuance of a hearing, which then shows on the hearings calendar.
// Grace, another Legal Hope attorney not on the matter, cannot change the hearing by calling the action.

test.describe("the attorney's desk", () => {
  test("a past-due deadline is flagged on the list, and a continued hearing moves on the calendar", async ({ browser, baseURL }) => {
    const daniel = await signedInAs(browser, "attorney");
    const page = daniel.page;

    // The demo's superior-court filing owes notice since its filing day: flagged with text, and past-due matters come first.
    await page.goto("/matters");
    const pastDue = page.getByTestId("matter-row").filter({ has: page.getByTestId("deadline-flag").filter({ hasText: "Past due" }) });
    await expect(pastDue.filter({ hasText: "Give the prosecuting office notice of the filing" }).first()).toBeVisible();
    await expect(page.getByTestId("matter-row").first().getByTestId("deadline-flag")).toHaveText("Past due");

    // The Seattle Municipal Court hearing (the demo's Courtroom 1002) is continued by the court.
    await page.goto("/matters/hearings");
    const row = page.getByTestId("hearing-row").filter({ hasText: "Courtroom 1002" }).first();
    const clientCode = (await row.getByRole("link").first().textContent())!.trim();
    await row.getByRole("link", { name: clientCode }).click();
    const scheduled = page.getByTestId("matter-hearing").filter({ has: page.getByRole("button", { name: "Record continuance to a new date" }) });
    await expect(scheduled).toHaveCount(1);
    const icsHref = (await scheduled.getByRole("link", { name: ".ics" }).getAttribute("href"))!;
    const hearingId = icsHref.split("/").at(-1)!;
    await scheduled.getByRole("button", { name: "Record continuance to a new date" }).click();

    const form = page.getByRole("form", { name: "Record the continuance" });
    await form.getByLabel("Place (courtroom, address or remote link)").fill("Seattle Municipal Court, Courtroom 1004");
    // No new date: the error is beside the date, and what was typed stays.
    await form.getByRole("button", { name: "Continue the hearing to this date" }).click();
    await expect(form.getByText("Enter the hearing date.")).toBeVisible();
    await expect(form.getByLabel("Place (courtroom, address or remote link)")).toHaveValue("Seattle Municipal Court, Courtroom 1004");

    // Grace is not on this matter: calling the action directly finds nothing, and changes nothing.
    const grace = await signedInAs(browser, "attorney2");
    const refused = await callServerAction(grace.page.request, baseURL!, serverActionId("lib/vacatur/hearing-actions.ts", "continueHearingAction"), [
      { id: hearingId, version: 1, hearingDate: pacificToday(new Date(Date.now() + 20 * 86_400_000)), hearingTime: "09:00", place: "Elsewhere", idempotencyKey: crypto.randomUUID() },
    ]);
    expect(refused.text).toContain('"code":"not_found"');
    await grace.close();

    const newDate = pacificToday(new Date(Date.now() + 45 * 86_400_000));
    await form.getByLabel("New hearing date").fill(newDate);
    await form.getByLabel("Time (Pacific)").fill("10:15");
    await form.getByRole("button", { name: "Continue the hearing to this date" }).click();
    await expect(form).toHaveCount(0);
    const old = page.locator(`#hearing-${hearingId}`);
    await expect(old).toContainText(/Continued to/);
    await expect(page.getByTestId("matter-hearing").filter({ hasText: "Courtroom 1004" })).toHaveCount(1);

    // The calendar for the new date's month has the hearing on its day, linking to it.
    await page.goto(`/matters/hearings?month=${newDate.slice(0, 7)}`);
    const day = page.getByTestId("hearing-calendar").locator(`[data-day="${newDate}"]`);
    const onCalendar = day.getByTestId("calendar-hearing").filter({ hasText: clientCode });
    await expect(onCalendar).toContainText("10:15");
    await onCalendar.click();
    await expect(page.getByTestId("matter-hearing").filter({ hasText: "Courtroom 1004" })).toBeVisible();

    // A month that is not a month shows this one, not an error.
    await page.goto("/matters/hearings?month=2027-13");
    await expect(page.getByTestId("hearing-calendar")).toBeVisible();
    await daniel.close();
  });
});
