import { getDb, type Db } from "../../db/client";
import { recordAudit } from "../audit/record";
import { assertCan } from "../auth/policy";
import { endSession, endUserSessions, type SessionUser } from "../auth/sessions";
import type { RequestMeta } from "../request-meta";

/** Signs the person out everywhere except here. */
export async function endOtherSessions(me: SessionUser, meta: RequestMeta, db: Db = getDb()): Promise<number> {
  assertCan(me, "account.manage");
  return db.transaction(async (tx) => {
    const ended = await endUserSessions(tx, me.id, "revoked", { keepSessionId: me.sessionId });
    await recordAudit(tx, {
      actor: { id: me.id, role: me.role, organizationId: me.organizationId },
      action: "auth.sessions_revoked",
      target: { type: "user", id: me.id },
      meta,
      details: { ended },
    });
    return ended;
  });
}

/**
 * Ends this session in the database, so the cookie is worthless even if a copy survives. No
 * permission check on purpose: signing out must always work.
 */
export async function endCurrentSession(me: SessionUser, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  await db.transaction(async (tx) => {
    await endSession(tx, me.sessionId, "sign_out");
    await recordAudit(tx, {
      actor: { id: me.id, role: me.role, organizationId: me.organizationId },
      action: "auth.sign_out",
      target: { type: "user", id: me.id },
      meta,
      details: { sessionId: me.sessionId },
    });
  });
}
