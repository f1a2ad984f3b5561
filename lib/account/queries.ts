import { getDb, type Db } from "../../db/client";
import { assertCan } from "../auth/policy";
import { listOpenSessions, type ActiveSession, type SessionUser } from "../auth/sessions";
import { getEnv } from "../env";

type OwnSession = ActiveSession & { current: boolean };

/** The signed-in person's open sessions (ASVS 7.5.2: users can see, and end, their sessions). */
export async function listOwnSessions(me: SessionUser, db: Db = getDb()): Promise<OwnSession[]> {
  assertCan(me, "account.manage");
  const sessions = await listOpenSessions(db, me.id, { now: new Date(), idleMinutes: getEnv().idleMinutes });
  return sessions.map((s) => ({ ...s, current: s.id === me.sessionId }));
}
