// What the sign-in form says for each refusal (shared by the action and the page).

/**
 * The one message for each refusal. "invalid" never says whether the email or the password was wrong.
 * The organization's name is known only on the sign-in form's own path (never taken from a URL).
 */
export function signInErrorMessage(
  code: string,
  context: { organizationName?: string | null } = {},
): { code: "invalid" | "forbidden" | "rate_limited"; message: string } {
  if (code.startsWith("locked")) {
    const minutes = Number.parseInt(code.split(":")[1] ?? "", 10) || 15;
    return {
      code: "rate_limited",
      message: `Too many failed attempts. Sign-in to this account is paused for ${minutes} minute${minutes === 1 ? "" : "s"}. If you have forgotten your password, ask your administrator to reset it.`,
    };
  }
  if (code.startsWith("address_limited")) {
    const minutes = Number.parseInt(code.split(":")[1] ?? "", 10) || 15;
    return {
      code: "rate_limited",
      message: `Too many failed sign-ins from your network. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    };
  }
  const organization = context.organizationName ?? "your organization";
  if (code === "awaiting_approval" && !context.organizationName) {
    return {
      code: "forbidden",
      message: "Your account is waiting for a second administrator to confirm the change made to it. You can sign in once they have.",
    };
  }
  if (code === "awaiting_approval") {
    return {
      code: "forbidden",
      message: `Your account is waiting for a program lead of ${organization} to approve it. You can sign in once they have.`,
    };
  }
  if (code === "approval_declined") {
    return {
      code: "forbidden",
      message: `A program lead of ${organization} declined this account, so it cannot sign in. Ask your administrator if you need access.`,
    };
  }
  if (code === "inactive") {
    return { code: "forbidden", message: "This account is deactivated. Ask your administrator if you need access." };
  }
  return { code: "invalid", message: "That email and password do not match an account. Check both and try again." };
}
