import { currentRequestMeta, requireUser } from "@/lib/auth/session";
import { pacificToday } from "@/lib/format";
import { refusalResponse } from "@/lib/route-errors";
import { hearingCalendar } from "@/lib/vacatur/calendar";
import { getHearingForCalendar } from "@/lib/vacatur/queries/downloads";

// One hearing as an .ics file. It names the client code and the court, never the survivor.
export async function GET(_request: Request, { params }: RouteContext<"/matters/[id]/hearings/[hearingId]">) {
  const me = await requireUser();
  const { id, hearingId } = await params;
  try {
    const hearing = await getHearingForCalendar(me, id, hearingId, await currentRequestMeta());
    return new Response(hearingCalendar(hearing), {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="hearing-${hearing.clientCode}-${pacificToday(hearing.startsAt)}.ics"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}
