import { redirect } from "next/navigation";
import { homePathFor } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import { getAdvocateDay } from "@/lib/home/advocate-day";
import { getAttorneyToday } from "@/lib/home/attorney-today";
import { getProsecutorToday } from "@/lib/home/prosecutor-today";
import { visitHome } from "@/lib/home/visit";
import { FirstLeadNotices } from "../first-lead-notices";
import { AdvocateDayView } from "./advocate-day";
import { AttorneyTodayView } from "./attorney-today";
import { ProsecutorTodayView } from "./prosecutor-today";

export const metadata = { title: "Today" };

// The home of advocates, attorneys and prosecutors (homePathFor): today's work for their role. Other
// roles have their own home and are sent there.
export default async function TodayPage() {
  const me = await requirePermission("team.view");
  const notices = <FirstLeadNotices me={me} />;
  if (me.role === "advocate") return <AdvocateDayView day={await getAdvocateDay(me, await visitHome(me))} notices={notices} />;
  if (me.role === "attorney") return <AttorneyTodayView today={await getAttorneyToday(me)} notices={notices} />;
  if (me.role === "prosecutor") return <ProsecutorTodayView today={await getProsecutorToday(me)} notices={notices} />;
  redirect(homePathFor(me.role));
}
