// What the sign-in form says for each refusal (shared by the action and the page).

/** The one message for each refusal. "invalid" never says whether the email or the password was wrong. */
export function signInErrorMessage(code: string): { code: "invalid" | "forbidden" | "rate_limited"; message: string } {
  if (code.startsWith("locked")) {
    const minutes = Number.parseInt(code.split(":")[1] ?? "", 10) || 15;
    return {
      code: "rate_limited",
      message: `Too many failed attempts. Sign-in to this account is paused for ${minutes} minute${minutes === 1 ? "" : "s"}. If you have forgotten your password, ask your administrator to reset it.`,
    };
  }
  if (code === "inactive") {
    return { code: "forbidden", message: "This account is deactivated. Ask your administrator if you need access." };
  }
  return { code: "invalid", message: "That email and password do not match an account. Check both and try again." };
}
