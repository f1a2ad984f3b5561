import { z } from "zod";

// Shared by the sign-in and password forms (react-hook-form + zodResolver) and their server actions.

export const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 128;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@agency.org."))
  .transform(normalizeEmail);

// Length is the rule that matters (ASVS 6.2.1/6.2.9): at least 12, up to 128, any characters, no
// composition rules, no forced rotation.
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words work well.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
  .refine((value) => value.trim().length >= PASSWORD_MIN_LENGTH, {
    message: `Use at least ${PASSWORD_MIN_LENGTH} characters that are not spaces.`,
  });

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(254, "That email address is too long."),
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
  callbackUrl: z.string().max(2048).optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "This does not match the new password.",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from your current one.",
  });

/** Stands in for our own origin when a relative path is parsed: only its origin matters. */
const OWN_ORIGIN = "http://clearway.invalid";

/**
 * Where to go after sign-in: a path on this site, or home (null). Decided after parsing the value as
 * a browser would, because browsers drop tabs and newlines and read a backslash as "/": "/\t/evil.example"
 * is "//evil.example", another site. So only printable ASCII is accepted (a Location header cannot
 * carry anything else), the parsed URL must keep our origin, and the result is the parsed path, which
 * cannot start with "//" either. An absolute URL is accepted only when `origin` is given and it
 * matches (Auth.js hands its redirect callback our own absolute URLs).
 */
export function safeCallbackPath(value: string | null | undefined, origin?: string): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return null;
  if (!/^[\x21-\x7e]+$/.test(value)) return null;
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(value);
  if (absolute ? !origin : !value.startsWith("/")) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin ?? OWN_ORIGIN);
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//")) return null;
  if (url.pathname === "/sign-in" || url.pathname.startsWith("/sign-in/") || url.pathname.startsWith("/api/")) return null;
  return path;
}
