import { redirect } from "next/navigation";
import { homePathFor } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";

// "/" sends each role to its own home.
export default async function Root() {
  const me = await requireUser();
  redirect(homePathFor(me.role));
}
