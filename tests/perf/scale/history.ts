// The scale set's two logs, written after the rows they tell about: each survivor's timeline
// (survivor_events, one row per thing that happened, as lib/survivors/commands.ts addSurvivorEvent
// writes them) and the audit trail (audit_events, as lib/audit/record.ts writes it, with
// audit_event_survivors for list exports). Each is one INSERT ordered by time, so ids grow with time
// as they do in the app: the timeline and the trail page by id.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";

type Step = (label: string, statement: SQL) => Promise<void>;

const USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

export async function fillTimeline(step: Step): Promise<void> {
  await step(
    "survivor timeline",
    sql`insert into survivor_events (survivor_id, kind, occurred_at, actor_user_id, details)
      select survivor_id, kind, occurred_at, actor, details from (
        select s.id as survivor_id, 'intake' as kind, s.created_at as occurred_at, s.created_by as actor, jsonb_build_object('advocateId', s.assigned_advocate_id) as details from survivors s
        union all
        select s.id, 'status_changed', s.status_changed_at, s.assigned_advocate_id, jsonb_build_object('from', 'active', 'to', s.status, 'reason', s.closed_reason) from survivors s where s.status <> 'active'
        union all
        select n.survivor_id, 'note_added', n.created_at, n.author_id, jsonb_build_object('noteId', n.id, 'threadId', n.thread_id, 'revision', 1, 'kind', n.kind, 'visibility', n.visibility) from survivor_notes n
        union all
        select e.survivor_id, 'service_recorded', e.created_at, e.staff_user_id, jsonb_build_object('serviceEventId', e.id, 'category', e.category, 'occurredOn', e.occurred_on, 'minutes', e.minutes) from service_events e
        union all
        select r.survivor_id, 'release_given', r.created_at, r.created_by, jsonb_build_object('releaseId', r.id, 'recipientOrganizationId', r.recipient_organization_id, 'categories', to_jsonb(r.categories), 'expiresOn', r.expires_on) from releases r
        union all
        select r.survivor_id, 'release_revoked', r.revoked_at, r.revoked_by, jsonb_build_object('releaseId', r.id, 'recipientOrganizationId', r.recipient_organization_id, 'method', r.revocation_method) from releases r where r.revoked_at is not null
        union all
        select f.survivor_id, case when e.from_status is null then 'referral_created' else 'referral_status_changed' end, e.occurred_at, e.actor_user_id,
          case when e.from_status is null then jsonb_build_object('referralId', f.id, 'recipientOrganizationId', f.to_organization_id, 'releaseId', null, 'service', f.service, 'status', e.to_status, 'identified', false)
          else jsonb_build_object('referralId', f.id, 'recipientOrganizationId', f.to_organization_id, 'service', f.service, 'from', e.from_status, 'status', e.to_status) end
        from referral_events e join referrals f on f.id = e.referral_id
        union all
        select c.survivor_id, 'court_record_added', c.created_at, c.created_by, jsonb_build_object('convictionId', c.id, 'court', c.court_name) from convictions c
        union all
        select m.survivor_id, 'matter_opened', m.created_at, m.opened_by, jsonb_build_object('matterId', m.id, 'legalOrganizationId', m.legal_organization_id, 'releaseId', m.release_id) from vacatur_matters m
        union all
        select m.survivor_id, 'matter_attorney_assigned', m.conflict_attested_at - interval '1 day', l.lead_id, jsonb_build_object('matterId', m.id, 'attorneyId', m.attorney_id, 'legalOrganizationId', m.legal_organization_id)
        from vacatur_matters m join scale_fill_orgs l on l.id = m.legal_organization_id where m.attorney_id is not null
        union all
        select m.survivor_id, 'matter_status_changed', m.status_changed_at, m.attorney_id, jsonb_build_object('matterId', m.id, 'from', 'screening', 'to', m.status) from vacatur_matters m where m.status not in ('referred', 'screening')
      ) e order by occurred_at`,
  );
}

/**
 * The audit trail: `total` events (ten per survivor at the shape). The writes the set holds are
 * audited as the commands audit them (intakes, notes, referrals sent, releases, matters opened, list
 * exports with their survivor links), with sign-ins; views of survivor records make up the rest, so
 * the trail keeps its size whatever the mix of writes.
 */
export async function fillAudit(db: Db, total: number, step: Step): Promise<void> {
  const writes = sql`
    select s.created_at as at, s.created_by as actor, 'advocate' as role, s.organization_id as org, 'survivor.created' as action, 'survivor' as type, s.id::text as target,
      jsonb_build_object('advocateId', s.assigned_advocate_id) as details from survivors s
    union all
    select n.created_at, n.author_id, 'advocate', n.author_organization_id, 'survivor.note_added', 'survivor', n.survivor_id::text, jsonb_build_object('noteId', n.id, 'threadId', n.thread_id) from survivor_notes n
    union all
    select f.sent_at, f.created_by, 'advocate', f.from_organization_id, 'referral.sent', 'survivor', f.survivor_id::text,
      jsonb_build_object('referralId', f.id, 'recipientOrganizationId', f.to_organization_id, 'releaseId', null) from referrals f where f.sent_at is not null
    union all
    select r.created_at, r.created_by, 'advocate', r.organization_id, 'release.created', 'survivor', r.survivor_id::text, jsonb_build_object('releaseId', r.id) from releases r
    union all
    select m.created_at, m.opened_by, 'advocate', m.organization_id, 'matter.opened', 'survivor', m.survivor_id::text,
      jsonb_build_object('matterId', m.id, 'legalOrganizationId', m.legal_organization_id, 'releaseId', m.release_id) from vacatur_matters m
    union all
    -- each user signs in most working days of the 18 months
    select d + time '08:30' + ((abs(hashtext(u.id::text)) % 120) || ' minutes')::interval, u.id, u.role::text, u.organization_id, 'auth.sign_in', 'user', u.id::text, '{}'::jsonb
    from users u cross join generate_series(current_date - 547, current_date - 1, interval '1 day') d
    where extract(isodow from d) < 6 and abs(hashtext(u.id::text || d::text)) % 10 < 8
    union all
    -- every advocate downloads their caseload (CSV) about every four months
    select d + time '15:00', u.id, 'advocate', u.organization_id, 'export.downloaded', 'organization', u.organization_id::text,
      jsonb_build_object('list', 'caseload', 'filter', jsonb_build_object('scope', 'mine'), 'rows', 0, 'complete', true, 'survivors', 0, 'startedEventId', null)
    from users u cross join generate_series(current_date - 540, current_date - 1, interval '120 days') d where u.role = 'advocate'`;
  const [row] = (await db.execute(sql`select count(*)::int as n from (${writes}) w`)) as unknown as { n: number }[];
  const views = Math.max(0, total - row!.n);
  const N = ((await db.execute(sql`select count(*)::int as n from scale_fill_survivors`)) as unknown as { n: number }[])[0]!.n;
  await step(
    `audit trail (${row!.n} writes, sign-ins and exports; ${views} views)`,
    sql`insert into audit_events (occurred_at, actor_user_id, actor_role, actor_organization_id, action, target_type, target_id, ip, user_agent, details)
      select at, actor, role::role, org, action, type, target, '203.0.113.' || (1 + abs(hashtext(actor::text)) % 250), ${USER_AGENT}, details from (
        ${writes}
        union all
        select least(now() - interval '1 minute', h.intake_date + time '09:00' + ((v % (current_date - h.intake_date + 1)) || ' days')::interval + ((v % 540) || ' minutes')::interval),
          h.advocate_id, 'advocate', h.organization_id, 'survivor.viewed', 'survivor', h.id::text, jsonb_build_object('access', 'caseload')
        from generate_series(1, ${views}) v join scale_fill_survivors h on h.g = 1 + ((v::bigint * 69621) % ${N})
      ) e order by at`,
  );
  await step(
    "exports' survivor links",
    sql`insert into audit_event_survivors (audit_event_id, survivor_id)
      select e.id, s.id from audit_events e join survivors s on s.assigned_advocate_id = e.actor_user_id and s.created_at < e.occurred_at
      where e.action = 'export.downloaded'`,
  );
}
