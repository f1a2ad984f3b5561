import { and, eq, ne, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { referrals } from "../../db/schema/referrals";
import { releases } from "../../db/schema/releases";
import { survivors } from "../../db/schema/survivors";
import { firstLeadAnnouncements, users } from "../../db/schema/users";
import { vacaturMatters } from "../../db/schema/vacatur";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan, canDecideApproval } from "../auth/policy";
import { ROLE_LABELS, type Role } from "../auth/roles";
import { endUserSessions, type SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { notify } from "../notifications/commands";
import type { RequestMeta } from "../request-meta";
import { parseInput } from "../validation";
import { assertVersion, writeVersioned } from "../versioned-write";
import { APPROVAL_REASON_LABELS, approvalDecision, firstLeadNotice, type ApprovalDecision, type ApprovalReason } from "./approval-rules";
import { decideApprovalSchema, type DecideApprovalInput } from "./schema";

// Nobody grants themselves access to survivors: when an administrator creates an account in an
// organization that holds survivor data, moves someone into one, gives them a role there, resets
// their password or reactivates them, the person cannot sign in until a program lead of that
// organization approves. An administrator may otherwise create a lead, or take over a real lead's
// account with a reset, and read every survivor. The one exception, the first program lead an
// organization ever has, is announced to everyone there. Where no lead is left who could approve (the
// only lead's password was reset), a second administrator, never the one who made the change, must
// confirm: two people, each audited.

/**
 * Whether an organization holds survivor data: it owns survivor records, any release (in effect or
 * not) names it, it is the legal organization or the noticed prosecuting office of a vacatur matter,
 * or a referral was sent to it.
 */
export async function organizationHoldsSurvivorData(db: Db, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({
      // Plain parameters, not a correlation: drizzle leaves single-table column names unqualified.
      holds: sql<boolean>`(
        exists (select 1 from ${survivors} where ${survivors.organizationId} = ${organizationId})
        or exists (select 1 from ${releases} where ${releases.recipientOrganizationId} = ${organizationId})
        or exists (select 1 from ${vacaturMatters} where ${vacaturMatters.legalOrganizationId} = ${organizationId})
        or exists (select 1 from ${vacaturMatters} where ${vacaturMatters.prosecutorOfficeId} = ${organizationId} and ${vacaturMatters.noticeOn} is not null)
        or exists (select 1 from ${referrals} where ${referrals.toOrganizationId} = ${organizationId} and ${referrals.status} <> 'draft')
      )`,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  return row?.holds === true;
}

/** The organization's active, approved program leads, other than `exceptUserId`: who may approve. */
export async function approversOf(db: Db, organizationId: string, exceptUserId: string | null): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.organizationId, organizationId),
        eq(users.role, "program_lead"),
        eq(users.active, true),
        eq(users.approvalStatus, "approved"),
        exceptUserId ? ne(users.id, exceptUserId) : undefined,
      ),
    );
  return rows.map((r) => r.id);
}

type Account = { id: string; name: string; role: Role; organizationId: string | null };

/**
 * The step every administrator's change to an account ends with, inside that change's transaction:
 * decides whether the account now needs a program lead's approval (the one place that rule is
 * applied), records the outcome on the account, ends its sessions when it must wait, tells whoever
 * must know and writes the audit event. Does not bump the account's version: it is part of the
 * administrator's one save.
 */
export async function requireApproval(
  tx: Db,
  me: SessionUser,
  account: Account,
  reason: ApprovalReason,
  meta: RequestMeta,
  now = new Date(),
): Promise<ApprovalDecision> {
  const organizationId = account.organizationId;
  if (organizationId) {
    // One decision at a time per organization, so two leads made at once cannot both be "the first".
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`approval:${organizationId}`}, 0))`);
  }
  const [holdsData, otherLeads, hadLead] = organizationId
    ? [await organizationHoldsSurvivorData(tx, organizationId), await approversOf(tx, organizationId, account.id), await organizationHadLead(tx, organizationId, account.id)]
    : [false, [], false];
  const decision = approvalDecision({
    role: account.role,
    organizationId,
    organizationHoldsSurvivorData: holdsData,
    organizationHadLead: hadLead,
    reason,
  });
  const target = { type: "user", id: account.id };

  if (decision === "not_needed") {
    // An administrator, or an organization without survivor data: a request still open is moot.
    const cleared = await tx
      .update(users)
      .set({ approvalStatus: "approved", approvalReason: null, approvalRequestedAt: null, approvalRequestedBy: null, approvalDecidedAt: null, approvalDecidedBy: null })
      .where(and(eq(users.id, account.id), ne(users.approvalStatus, "approved")))
      .returning({ id: users.id });
    if (cleared.length > 0) {
      await recordAudit(tx, { actor: auditActor(me), action: "user.approval_cleared", target, meta, details: { reason, organizationId } });
    }
    return decision;
  }

  const [organization] = organizationId ? await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId)).limit(1) : [];
  const organizationName = organization?.name ?? "the organization";

  if (decision === "first_lead") {
    await tx
      .update(users)
      .set({ approvalStatus: "approved", approvalReason: reason, approvalRequestedAt: now, approvalRequestedBy: me.id, approvalDecidedAt: now, approvalDecidedBy: null })
      .where(eq(users.id, account.id));
    await tx.insert(firstLeadAnnouncements).values({ organizationId: organizationId!, userId: account.id, reason, createdBy: me.id, createdAt: now });
    await recordAudit(tx, { actor: auditActor(me), action: "user.approved_as_first_lead", target, meta, details: { reason, organizationId } });
    const members = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.organizationId, organizationId!), eq(users.active, true), ne(users.id, account.id)));
    await notify(
      tx,
      members.map((m) => m.id),
      firstLeadNotice({ name: account.name, organizationName, on: now }),
      "/home",
    );
    return decision;
  }

  await tx
    .update(users)
    .set({ approvalStatus: "pending", approvalReason: reason, approvalRequestedAt: now, approvalRequestedBy: me.id, approvalDecidedAt: null, approvalDecidedBy: null })
    .where(eq(users.id, account.id));
  // Whatever the change, someone waiting for approval is signed out everywhere now.
  await endUserSessions(tx, account.id, "approval_required", { now });
  await recordAudit(tx, {
    actor: auditActor(me),
    action: "user.approval_requested",
    target,
    meta,
    details: { reason, organizationId, approvers: otherLeads.length },
  });
  if (otherLeads.length > 0) {
    await notify(
      tx,
      otherLeads,
      `${account.name} (${ROLE_LABELS[account.role]}) is waiting for a program lead to approve their account at ${organizationName}.`,
      "/home#approvals",
    );
  } else {
    // No lead is left who could decide: another administrator must confirm (never the one who asked).
    const admins = await tx.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, me.id)));
    await notify(
      tx,
      admins.map((a) => a.id),
      organizationId
        ? `${account.name} (${ROLE_LABELS[account.role]}) at ${organizationName} is waiting for approval, and the organization has no program lead who could give it. A second administrator must confirm.`
        : `${account.name} (${ROLE_LABELS[account.role]}) is waiting for a second administrator to confirm the reset of their sign-in (${APPROVAL_REASON_LABELS[reason].toLowerCase()}).`,
      `/admin/users/${account.id}`,
    );
  }
  return decision;
}

/** Whether the organization has, or has had, another program lead (in any state), or announced a first lead. */
async function organizationHadLead(db: Db, organizationId: string, exceptUserId: string): Promise<boolean> {
  const [row] = await db
    .select({
      had: sql<boolean>`(
        exists (select 1 from ${users} where ${users.organizationId} = ${organizationId} and ${users.role} = 'program_lead' and ${users.id} <> ${exceptUserId})
        or exists (select 1 from ${firstLeadAnnouncements} where ${firstLeadAnnouncements.organizationId} = ${organizationId})
      )`,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  return row?.had === true;
}

/**
 * A program lead approves or declines an account waiting in their organization. Only an active,
 * approved lead of the same organization who is not the person themself may decide (the organization
 * decides who sees its survivors); only where no such lead exists may a second administrator, not the
 * one who made the change, decide instead (canDecideApproval). A versioned write against the
 * account: a decision made on an out-of-date page is refused, naming who changed the account.
 */
export async function decideApproval(
  me: SessionUser,
  input: DecideApprovalInput,
  meta: RequestMeta,
  db: Db = getDb(),
): Promise<{ version: number }> {
  assertCan(me, "users.approve");
  const data = parseInput(decideApprovalSchema, input);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, data.id)).for("update").limit(1);
    // Another organization's account answers exactly like one that does not exist (administrators see every account).
    // (An account of no organization, an administrator whose credentials were reset, waits for a second administrator.)
    if (!current || (me.role !== "admin" && (current.organizationId === null || current.organizationId !== me.organizationId))) throw new AppError("not_found");
    if (current.id === me.id) throw new AppError("forbidden", "You cannot approve or decline your own account. Another program lead must.");
    // Re-read the decider from the database: still an active, approved lead of this organization. (Not
    // locked: two leads deciding on each other would lock the same two rows in opposite orders.)
    const [decider] = await tx
      .select({ id: users.id, role: users.role, organizationId: users.organizationId, active: users.active, approvalStatus: users.approvalStatus })
      .from(users)
      .where(eq(users.id, me.id))
      .limit(1);
    const approvers = current.organizationId ? await approversOf(tx, current.organizationId, current.id) : [];
    if (!decider || !canDecideApproval(decider, current, { approvers: approvers.length })) throw new AppError("forbidden");
    await assertVersion(tx, users, ACCOUNT_NOUN, current, data.version);
    if (current.approvalStatus !== "pending") throw new AppError("conflict", "This account is not waiting for approval any more. Reload the page.");

    const now = new Date();
    const approve = data.decision === "approve";
    return writeVersioned(tx, users, {
      noun: ACCOUNT_NOUN,
      current,
      expectedVersion: data.version,
      actor: me,
      now,
      changes: { approvalStatus: approve ? "approved" : "declined", approvalDecidedAt: now, approvalDecidedBy: me.id },
      audit: {
        action: approve ? "user.approved" : "user.approval_declined",
        target: { type: "user", id: current.id },
        meta,
        details: { reason: current.approvalReason, organizationId: current.organizationId },
      },
      after: async () => {
        // The administrator who asked learns the answer.
        if (!current.approvalRequestedBy || current.approvalRequestedBy === me.id) return;
        await notify(
          tx,
          [current.approvalRequestedBy],
          `${me.name} ${approve ? "approved" : "declined"} the account of ${current.name} at ${me.organizationName ?? "their organization"}.`,
          `/admin/users/${current.id}`,
        );
      },
    });
  });
}

const ACCOUNT_NOUN = "account";
