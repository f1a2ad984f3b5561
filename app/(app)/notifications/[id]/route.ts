import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { openNotification } from "@/lib/notifications/commands";

// Opening a notification marks it read (only the caller's own) and goes where it points.
export async function GET(_request: Request, { params }: RouteContext<"/notifications/[id]">) {
  const me = await requireUser();
  const { id } = await params;
  redirect((await openNotification(me, id)) ?? "/notifications");
}
