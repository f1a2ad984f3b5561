import { signOutAction } from "@/lib/auth/actions";

/** Leaves the half-finished sign-in (the session is ended on the server). */
export function SignOutButton() {
  return (
    <form action={signOutAction} className="mt-2">
      <button type="submit" className="underline">
        Sign out
      </button>
    </form>
  );
}
