// The bulk of the scale data set, written set-based (generate_series, INSERT ... SELECT): no row is
// sent from here one at a time. Every count follows `survivors` (100,000 gives the issue's shape:
// 300,000 referrals, 50,000 matters, about 2 million timeline rows, 1 million audit events).
//
// Encrypted columns: bulk rows hold NULL where the column allows it. Where it does not (a referral's
// reason, a note's body, a conviction's case number, ...) they hold PLACEHOLDER, which is shaped like a
// ciphertext but names a key id no deployment has: opening it fails loudly ("key scalefil is not
// configured") instead of showing nonsense. No list page decrypts anything (lib/**/queries: only the
// detail pages do), and the detail pages the bench opens are the sample's (./sample.ts), encrypted by
// the app's own commands.
//
// Ids in the survivor timeline and the audit trail grow with time (each table is filled by one INSERT
// ordered by its timestamp), as they do in the app: both pages sort by id.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";

/** Shaped like lib/crypto/fields.ts output (about as long as a sentence's ciphertext), under a key id no deployment has. */
export const PLACEHOLDER = `v1.scalefil.${"A".repeat(16)}.${"A".repeat(140)}`;

/** The 18 months every date falls in. */
export const SPAN_DAYS = 548;

export type BulkPeople = {
  /** service organizations first (the partner organization last among them), then legal aid, then the prosecutor's office */
  organizations: { id: string; kind: "service" | "partner" | "legal" | "prosecutor"; receiverId: string; leadId: string }[];
  /** every advocate with its organization and how many survivors it carries (the counts add up to the total) */
  advocates: { id: string; organizationId: string; caseload: number }[];
  /** attorneys per legal organization, in the legal organizations' order */
  attorneys: string[][];
  /** search tokens (lib/survivors/search.ts) per organization: a first-name and a last-name word each */
  tokens: Record<string, { first: string[]; last: string[] }>;
  preferredNames: { name: string; key: string }[];
};

const uuids = (values: readonly string[]) => sql.raw(`(array[${values.map((v) => `'${v}'`).join(",")}]::uuid[])`);
const texts = (values: readonly string[]) => sql.raw(`array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]::text[]`);

type Step = (label: string, statement: SQL) => Promise<void>;

export async function fillBulk(db: Db, people: BulkPeople, survivors: number, step: Step): Promise<void> {
  const N = survivors;
  const legal = people.organizations.filter((o) => o.kind === "legal");
  const service = people.organizations.filter((o) => o.kind === "service" || o.kind === "partner");
  const partner = people.organizations.find((o) => o.kind === "partner")!;
  const prosecutor = people.organizations.find((o) => o.kind === "prosecutor")!;
  const placeholder = sql`${PLACEHOLDER}::text`;

  // Helper tables (unlogged, dropped at the end): the organizations with who answers for them, and
  // each survivor's number g, by which every later statement picks rows without a look-up per row.
  await step(
    "helpers",
    sql`create unlogged table scale_fill_orgs as
      select o.idx::int, o.id, o.receiver_id, o.lead_id from unnest(${uuids(people.organizations.map((o) => o.id))}, ${uuids(people.organizations.map((o) => o.receiverId))}, ${uuids(people.organizations.map((o) => o.leadId))})
        with ordinality as o(id, receiver_id, lead_id, idx)`,
  );
  let start = 0;
  const starts = people.advocates.map((a) => {
    const s = start;
    start += a.caseload;
    return s;
  });
  await step(
    "survivor numbering",
    sql`create unlogged table scale_fill_survivors as
      select (a.start + k)::int as g, gen_random_uuid() as id, a.org as organization_id, a.id as advocate_id,
        current_date - ((((a.start + k)::bigint * 7919) % ${SPAN_DAYS})::int) as intake_date
      from unnest(${uuids(people.advocates.map((a) => a.id))}, ${uuids(people.advocates.map((a) => a.organizationId))}, ${sql.raw(`array[${starts.join(",")}]::int[]`)}, ${sql.raw(`array[${people.advocates.map((a) => a.caseload).join(",")}]::int[]`)}) as a(id, org, start, n)
      cross join generate_series(1, a.n) k`,
  );
  await db.execute(sql`alter table scale_fill_survivors add primary key (g)`);
  await db.execute(sql`analyze scale_fill_survivors`);

  // Survivors: 75 % active, 15 % inactive, 10 % closed (more of the older ones closed); client codes
  // CW-<intake year>-<number in that year>, as the app numbers them.
  const names = people.preferredNames;
  await step(
    "survivors",
    sql`insert into survivors (id, organization_id, client_code, preferred_name, preferred_name_key, pronouns, intake_date, assigned_advocate_id,
        demographics, safe_contact, county, languages, interpreter_needed, referral_source, victimization_types, status, closed_reason, status_changed_at,
        search_tokens, created_at, created_by, updated_at, updated_by)
      select h.id, h.organization_id,
        'CW-' || extract(year from h.intake_date) || '-' || lpad((row_number() over (partition by extract(year from h.intake_date) order by h.intake_date, h.g))::text, 5, '0'),
        (${texts(names.map((n) => n.name))})[1 + h.g % ${names.length}], (${texts(names.map((n) => n.key))})[1 + h.g % ${names.length}],
        (array['she/her','she/her','she/her','they/them','she/they',null])[1 + h.g % 6],
        h.intake_date, h.advocate_id,
        jsonb_build_object('genderIdentity', (array['woman','woman','woman','man','nonbinary','transgender_woman','not_reported'])[1 + h.g % 7],
          'raceEthnicity', (array['white','black_african_american','hispanic_latino','asian','american_indian_alaska_native','multiple','not_reported'])[1 + (h.g / 7) % 7],
          'ageBand', (array['under_18','18_24','25_34','35_49','50_64','not_reported'])[1 + (h.g / 49) % 6]),
        jsonb_build_object('channels', (array['["text","in_person"]','["phone_call"]','["in_person"]','["email","text"]'])[1 + h.g % 4]::jsonb,
          'safeTimes', null, 'mayIdentifyAgency', (array['no','no','yes','not_asked'])[1 + (h.g / 3) % 4]),
        (array['King','King','King','Pierce','Snohomish','Spokane','Yakima','Clark','Thurston','Whatcom', null])[1 + (h.g / 3) % 11],
        (array['{English}','{English,Spanish}','{Spanish}','{English}','{Vietnamese,English}','{English}'])[1 + (h.g / 5) % 6]::text[],
        h.g % 9 = 0,
        (array['law_enforcement_operation','outreach','self','hotline','partner_referral','other'])[1 + h.g % 6]::referral_source,
        case when h.g % 10 = 0 then '{commercial_sexual_exploitation}'::text[] when h.g % 3 = 0 then array['sex_trafficking','commercial_sexual_exploitation'] when h.g % 23 = 0 then '{labor_trafficking}' else '{sex_trafficking}' end,
        st.status::survivor_status,
        case when st.status = 'closed' then (array['goals_met','survivor_request','moved_away','no_contact','transferred_out','other'])[1 + h.g % 6] end,
        case when st.status = 'active' then h.intake_date + time '10:00' else least(now() - interval '1 day', h.intake_date + ((40 + h.g % 200) || ' days')::interval) end,
        array[(${JSON.stringify(people.tokens)}::jsonb -> h.organization_id::text -> 'first') ->> (h.g % ${people.tokens[service[0]!.id]!.first.length}),
              (${JSON.stringify(people.tokens)}::jsonb -> h.organization_id::text -> 'last') ->> ((h.g / 7) % ${people.tokens[service[0]!.id]!.last.length})],
        h.intake_date + time '10:00', h.advocate_id,
        least(now(), h.intake_date + time '10:00' + (((h.g::bigint * 31) % (current_date - h.intake_date + 1)) || ' days')::interval), h.advocate_id
      from scale_fill_survivors h
      cross join lateral (select case when (h.g * 37) % 100 < case when current_date - h.intake_date > 365 then 60 else 82 end then 'active'
        when (h.g * 37) % 100 < 92 then 'inactive' else 'closed' end as status) st`,
  );
  await step(
    "client code counters",
    sql`insert into client_code_counters (year, last)
      select split_part(client_code, '-', 2)::int, max(split_part(client_code, '-', 3)::int) from survivors group by 1`,
  );

  // Notes: 0 to 4 per survivor (2 on average), every few weeks after intake; a tenth restricted.
  await step(
    "survivor notes",
    sql`insert into survivor_notes (id, survivor_id, thread_id, revision, kind, visibility, contact_date, body_enc, author_id, author_role, author_organization_id, created_at)
      select n.id, h.id, n.id, 1, (array['contact','advocacy','contact','safety'])[1 + (h.g + k) % 4]::note_kind,
        case when (h.g + k) % 4 = 3 then 'restricted' else 'normal' end::note_visibility, n.at::date, ${placeholder}, h.advocate_id, 'advocate', h.organization_id, n.at
      from scale_fill_survivors h cross join generate_series(1, h.g % 5) k
      cross join lateral (select gen_random_uuid() as id,
        least(now() - interval '2 hours', h.intake_date + time '11:00' + ((k * 9 + (h.g * k) % 40) || ' days')::interval) as at) n`,
  );
  // Services given (VOCA PMT categories): 0 to 2 per survivor.
  await step(
    "service events",
    sql`insert into service_events (id, survivor_id, organization_id, category, occurred_on, staff_user_id, minutes, created_at)
      select gen_random_uuid(), h.id, h.organization_id,
        (array['information_referral','personal_advocacy','emotional_support_safety','shelter_housing','justice_assistance'])[1 + (h.g + k) % 5]::service_category,
        s.on, h.advocate_id, 15 + ((h.g * k) % 8) * 15, s.on + time '16:00'
      from scale_fill_survivors h cross join generate_series(1, h.g % 3) k
      cross join lateral (select least(current_date - 1, h.intake_date + k * 17 + h.g % 11) as on) s`,
  );

  // Releases: every survivor with a vacatur matter (even g) to the matter's legal organization, and a
  // tenth of the others to the partner organization. Most live, some expired or revoked.
  const legalIds = uuids(legal.map((o) => o.id));
  await step(
    "releases",
    sql`insert into releases (survivor_id, organization_id, recipient_organization_id, categories, purpose, form, signed_on, expires_on,
        services_not_conditioned, copy_provided, created_by, created_at, revoked_at, revoked_by, revocation_method)
      select h.id, h.organization_id, r.recipient, r.categories::release_category[], r.purpose, (array['written','electronic'])[1 + h.g % 2]::release_form,
        r.signed, r.signed + case when h.g % 13 = 0 then 90 else 365 end, true, h.g % 3 <> 0, h.advocate_id, r.signed + time '12:00',
        case when h.g % 41 = 0 then r.signed + time '12:00' + interval '30 days' end, case when h.g % 41 = 0 then h.advocate_id end,
        case when h.g % 41 = 0 then 'oral_phone'::revocation_method end
      from scale_fill_survivors h
      cross join lateral (select ${legalIds}[1 + (h.g / 2) % ${legal.length}] as recipient, '{identity_contact,criminal_court,case_notes}' as categories,
          'Vacatur screening and representation' as purpose, least(current_date - 1, h.intake_date + 20 + h.g % 30) as signed
        where h.g % 2 = 0
        union all
        select ${partner.id}::uuid, '{identity_contact,referral_details}', 'Referral for services', least(current_date - 1, h.intake_date + 5 + h.g % 20)
        where h.g % 10 = 3 and h.organization_id <> ${partner.id}::uuid) r`,
  );

  await fillReferrals(db, { N, service: service.map((o) => o.id), legal: legal.map((o) => o.id), partner: partner.id, placeholder }, step);
  await fillMatters(db, { N, legal: legal.map((o) => o.id), attorneys: people.attorneys, prosecutor: prosecutor.id, placeholder }, step);
}

type ReferralShape = { N: number; service: string[]; legal: string[]; partner: string; placeholder: SQL };

// Referrals: three per survivor on average (some survivors several, some none), a fifth to legal aid,
// three in ten to the partner organization, the rest to other service organizations. Sent over the
// months after intake; the older ones answered and carried on, the recent ones still waiting.
async function fillReferrals(db: Db, shape: ReferralShape, step: Step) {
  const { N } = shape;
  const R = 3 * N;
  const serviceIds = uuids(shape.service);
  const legalIds = uuids(shape.legal);
  const S = shape.service.length;
  await step(
    "referrals",
    sql`insert into referrals (id, survivor_id, from_organization_id, to_organization_id, service, urgency, reason_enc, identified, status,
        status_changed_at, sent_at, answered_at, decline_reason, created_by, created_at, updated_at)
      select gen_random_uuid(), h.id, h.organization_id, t.org, t.service::service, (array['routine','routine','soon','urgent'])[1 + r % 4]::urgency,
        ${shape.placeholder}, false, st.status::referral_status,
        coalesce(st.moved, st.answered, d.sent), case when st.status <> 'draft' then d.sent end, st.answered,
        case when st.status = 'declined' then (array['no_capacity','not_eligible','outside_service_area','service_not_offered','survivor_declined','unable_to_reach','other'])[1 + r % 7]::decline_reason end,
        h.advocate_id, d.sent, coalesce(st.moved, st.answered, d.sent)
      from generate_series(1, ${R}) r
      join scale_fill_survivors h on h.g = 1 + ((r::bigint * 48271) % ${N})
      cross join lateral (select (array_position(${serviceIds}, h.organization_id) - 1) as own) o
      cross join lateral (select case when r % 10 < 2 then ${legalIds}[1 + r % ${shape.legal.length}]
          when r % 10 < 5 and h.organization_id <> ${shape.partner}::uuid then ${shape.partner}::uuid
          else ${serviceIds}[1 + (o.own + 1 + r % ${S - 1}) % ${S}] end as org,
        case when r % 10 < 2 then 'legal' else (array['housing','mental_health','employment','education','exit_support','medical','substance_use'])[1 + (r / 10) % 7] end as service) t
      cross join lateral (select least(now() - interval '1 hour', h.intake_date + time '09:00' + ((r % (current_date - h.intake_date + 1)) || ' days')::interval + ((r % 480) || ' minutes')::interval) as sent) d
      cross join lateral (select s.status,
          case when s.status in ('accepted','declined','in_service','completed','ended_without_service') then least(now(), d.sent + ((r % 12) || ' days')::interval + interval '3 hours') end as answered,
          case when s.status in ('in_service','completed','ended_without_service','withdrawn') then least(now(), d.sent + ((14 + r % 60) || ' days')::interval) end as moved
        from (select case when (r * 7) % 100 < 4 then 'draft'
          when now() - d.sent < interval '12 days' then (array['sent','sent','sent','accepted','declined','sent','accepted','withdrawn'])[1 + (r / 3) % 8]
          -- a few go unanswered for weeks (the overdue list), none for months
          when now() - d.sent < interval '45 days' and (r / 3) % 10 = 0 then 'sent'
          else (array['accepted','accepted','declined','in_service','in_service','completed','completed','completed','ended_without_service','withdrawn','completed','declined'])[1 + (r / 3) % 12] end as status) s) st`,
  );
  // Their event trails, as the commands write them: created (draft or sent), answered, and what followed.
  await step(
    "referral events",
    sql`insert into referral_events (id, referral_id, from_status, to_status, actor_user_id, actor_organization_id, occurred_at)
      select gen_random_uuid(), f.id, e.from_status::referral_status, e.to_status::referral_status, e.actor, e.org, e.at
      from referrals f join scale_fill_orgs o on o.id = f.to_organization_id
      cross join lateral (
        select null as from_status, case when f.status = 'draft' then 'draft' else 'sent' end as to_status, f.created_by as actor, f.from_organization_id as org, f.created_at as at
        union all select 'sent', case when f.status = 'declined' then 'declined' else 'accepted' end, o.receiver_id, f.to_organization_id, f.answered_at where f.answered_at is not null
        union all select 'accepted', f.status::text, o.receiver_id, f.to_organization_id, f.status_changed_at where f.status in ('in_service','completed','ended_without_service')
        union all select 'sent', 'withdrawn', f.created_by, f.from_organization_id, f.status_changed_at where f.status = 'withdrawn') e`,
  );
  // The recipients' bell: one notification per referral received; the last few days' still unread.
  await step(
    "notifications",
    sql`insert into notifications (user_id, text, href, created_at, read_at, subject)
      select o.receiver_id, 'New ' || f.service || ' referral (' || f.urgency || ') for ' || s.client_code || '.', '/referrals/' || f.id, f.sent_at,
        case when f.sent_at < now() - interval '3 days' or f.status <> 'sent' then f.sent_at + interval '5 hours' end, 'referral.answer:' || f.id
      from referrals f join scale_fill_orgs o on o.id = f.to_organization_id join survivors s on s.id = f.survivor_id where f.sent_at is not null`,
  );
}

type MatterShape = { N: number; legal: string[]; attorneys: string[][]; prosecutor: string; placeholder: SQL };

const MATTER_STATUSES = ["referred", "screening", "records_requested", "ineligible_now", "drafting", "survivor_review", "filed", "hearing_set", "continued", "granted", "partially_granted", "denied", "order_transmitted", "verified", "closed", "closed", "closed", "on_hold_by_survivor", "withdrawn", "screening"];
const FILED = ["filed", "hearing_set", "continued", "granted", "partially_granted", "denied", "order_transmitted", "verified", "closed"];
const ORDERED = ["granted", "partially_granted", "denied", "order_transmitted", "verified", "closed"];
const inList = (values: readonly string[]) => sql.raw(`(${values.map((v) => `'${v}'`).join(",")})`);

// Vacatur matters: one for every other survivor, given to a legal organization (the one its release
// names), each with one or two convictions, along the road from referral to order.
async function fillMatters(db: Db, shape: MatterShape, step: Step) {
  const legalIds = uuids(shape.legal);
  const A = shape.attorneys[0]!.length;
  const attorneys = uuids(shape.attorneys.flat());
  await step(
    "matter numbering",
    sql`create unlogged table scale_fill_matters as
      select h.g, gen_random_uuid() as id, h.id as survivor_id, h.organization_id, h.advocate_id, ${legalIds}[1 + (h.g / 2) % ${shape.legal.length}] as legal_id,
        ((h.g / 2) % ${shape.legal.length}) * ${A} + (h.g / 4) % ${A} + 1 as attorney_idx,
        -- a matter opened in the last four months has not got far yet
        case when now() - o.opened < interval '120 days' then (array['referred','screening','screening','records_requested','drafting','survivor_review'])[1 + (h.g / 2) % 6]
          else (${sql.raw(`array[${MATTER_STATUSES.map((s) => `'${s}'`).join(",")}]`)})[1 + (h.g / 2) % ${MATTER_STATUSES.length}] end::matter_status as status,
        o.opened, gen_random_uuid() as c1, case when h.g % 4 = 0 then gen_random_uuid() end as c2
      from scale_fill_survivors h
      cross join lateral (select least(now() - interval '3 days', h.intake_date + time '14:00' + ((30 + h.g % 60) || ' days')::interval) as opened) o
      where h.g % 2 = 0`,
  );
  await step(
    "vacatur matters",
    sql`insert into vacatur_matters (id, survivor_id, organization_id, legal_organization_id, attorney_id, conflict_status, conflict_attested_at, release_id, status,
        status_changed_at, last_activity_at, filed_on, filing_court, prosecutor_office_id, notice_on, notice_method, notice_given_by, prosecutor_position,
        position_recorded_at, order_on, order_counts, opened_by, created_at, updated_at)
      select m.id, m.survivor_id, m.organization_id, m.legal_id, a.attorney, case when a.attorney is not null then 'cleared'::conflict_status end,
        case when a.attorney is not null then m.opened + interval '2 days' end,
        (select r.id from releases r where r.survivor_id = m.survivor_id and r.recipient_organization_id = m.legal_id limit 1),
        m.status, d.changed, greatest(d.changed, now() - (((m.g * 17) % 90) || ' days')::interval),
        d.filed, case when d.filed is not null then (array['Seattle Municipal Court','King County District Court','King County Superior Court','Kent Municipal Court'])[1 + m.g % 4] end,
        case when d.filed is not null then ${shape.prosecutor}::uuid end, d.filed, case when d.filed is not null then 'efile_service'::notice_method end,
        case when d.filed is not null then 'Counsel' end,
        case when d.filed is null or m.g % 5 < 3 then 'unknown' else 'no_objection' end::prosecutor_position,
        case when d.filed is not null and m.g % 5 >= 3 then d.filed + time '15:00' + interval '9 days' end,
        d.ordered, case when d.ordered is not null then case when m.status = 'partially_granted' or m.c2 is null then jsonb_build_array(m.c1 || ':1') else jsonb_build_array(m.c1 || ':1', m.c2 || ':1') end end,
        m.advocate_id, m.opened, d.changed
      from scale_fill_matters m
      cross join lateral (select case when m.status <> 'referred' then (${attorneys})[m.attorney_idx] end as attorney) a
      cross join lateral (select
          case when m.status in ${inList(FILED)} then least(current_date - 45, (m.opened + ((40 + m.g % 80) || ' days')::interval)::date) end as filed,
          case when m.status in ${inList(ORDERED)} then least(current_date - 20, (m.opened + ((130 + m.g % 100) || ' days')::interval)::date) end as ordered,
          least(now() - interval '1 day', m.opened + ((10 + m.g % 200) || ' days')::interval) as changed) d`,
  );
  await step(
    "convictions",
    sql`insert into convictions (id, survivor_id, court_type, court_name, court_locality, case_number_enc, prosecuting_authority, prosecuting_office, counts,
        disposition, disposition_date, sentencing_date, cvpa_amount_cents, cvpa_status, restitution_order, restitution, source, verified_on, created_by, created_at)
      select c.id, m.survivor_id, ct.type::court_type, ct.name, ct.locality, ${shape.placeholder}, ct.authority::prosecuting_authority, ct.office,
        jsonb_build_array(jsonb_build_object('count', 1, 'offense', ct.offense, 'citation', ct.citation, 'offenseClass', ct.class, 'category', ct.category, 'enhancement', 'none')),
        (array['guilty_plea','guilty_plea','found_guilty','deferred_sentence'])[1 + m.g % 4]::disposition, c.convicted, c.convicted, 50000,
        (array['paid','unpaid','waived','unknown','not_imposed'])[1 + m.g % 5]::cvpa_status, 'none', '[]'::jsonb,
        (array['survivor','court_docket','wsp_report'])[1 + m.g % 3]::record_source, case when m.g % 3 > 0 then (m.opened + interval '20 days')::date end,
        m.advocate_id, m.opened - interval '1 hour'
      from scale_fill_matters m
      cross join lateral (select m.c1 as id, 1 as n, current_date - 1500 - m.g % 3000 as convicted union all select m.c2, 2, current_date - 1200 - m.g % 2500 where m.c2 is not null) c
      cross join lateral (select * from (values
          ('municipal', 'Seattle Municipal Court', 'Seattle', 'city_attorney', 'Seattle City Attorney''s Office', 'Prostitution', 'RCW 9A.88.030', 'misdemeanor', 'prostitution'),
          ('district', 'King County District Court', 'King', 'county_prosecutor', 'King County Prosecuting Attorney''s Office', 'Theft in the third degree', 'RCW 9A.56.050', 'gross_misdemeanor', 'other'),
          ('municipal', 'Kent Municipal Court', 'Kent', 'city_attorney', 'Kent City Attorney''s Office', 'Prostitution loitering', 'KCC 9.02.340', 'misdemeanor', 'prostitution_loitering'),
          ('superior', 'King County Superior Court', 'King', 'county_prosecutor', 'King County Prosecuting Attorney''s Office', 'Possessing stolen property in the second degree', 'RCW 9A.56.160', 'felony_c', 'other')
        ) as v(type, name, locality, authority, office, offense, citation, class, category) offset (m.g + c.n) % 4 limit 1) ct`,
  );
  await step(
    "matter convictions",
    sql`insert into matter_convictions (matter_id, conviction_id, conclusion, concluded_by, concluded_at, ruleset_version)
      select m.id, c.id, case when v.attorney_id is not null and m.status not in ('referred','screening','records_requested') then 'eligible' end,
        case when v.attorney_id is not null and m.status not in ('referred','screening','records_requested') then v.attorney_id end,
        case when v.attorney_id is not null and m.status not in ('referred','screening','records_requested') then m.opened + interval '20 days' end,
        case when v.attorney_id is not null and m.status not in ('referred','screening','records_requested') then 'wa-2026.12' end
      from scale_fill_matters m join vacatur_matters v on v.id = m.id cross join lateral (select m.c1 as id union all select m.c2 where m.c2 is not null) c`,
  );
  await step(
    "hearings",
    sql`insert into matter_hearings (matter_id, starts_at, place, status, created_by, created_at)
      select v.id, h.at, (array['Courtroom 1001','Courtroom 1002','Courtroom 1201','Courtroom 3C'])[1 + abs(hashtext(v.id::text)) % 4], h.status::hearing_status, v.attorney_id, v.filed_on + time '16:00'
      from vacatur_matters v cross join lateral (
        select date_trunc('day', now()) + ((1 + abs(hashtext(v.id::text)) % 40) || ' days')::interval + interval '17 hours' as at, 'scheduled' as status where v.status = 'hearing_set'
        union all select v.filed_on + 30 + time '17:00', 'continued' where v.status = 'continued'
        union all select v.order_on + time '17:00', 'scheduled' where v.order_on is not null) h
      where v.attorney_id is not null`,
  );
  await step(
    "pro bono hours",
    sql`insert into pro_bono_hours (matter_id, attorney_id, organization_id, worked_on, hundredths, activity, created_at, logged_at, updated_at)
      select v.id, v.attorney_id, v.legal_organization_id, w.on, 25 + ((k * 75 + abs(hashtext(v.id::text))) % 500),
        (array['screening','records','drafting','client_meeting','drafting','court','prosecutor_contact'])[1 + (k + abs(hashtext(v.id::text))) % 7]::hour_activity,
        w.on + time '18:00', w.on + time '18:00', w.on + time '18:00'
      from vacatur_matters v cross join generate_series(1, 1 + abs(hashtext(v.id::text)) % 4) k
      cross join lateral (select least(current_date - 1, (v.created_at + ((k * 25) || ' days')::interval)::date) as on) w
      where v.attorney_id is not null`,
  );
  await step(
    "matter follow-up",
    sql`with checks as (
        insert into post_order_checks (matter_id, step, done_on, recorded_by)
        select v.id, s.step::post_order_step, least(current_date - 1, v.order_on + s.days), v.attorney_id
        from vacatur_matters v cross join (values ('clerk_sent_wsp', 2), ('wsp_updated', 25), ('survivor_told', 3)) as s(step, days)
        where v.status in ('order_transmitted', 'verified', 'closed') and v.order_on is not null and v.attorney_id is not null returning 1),
      tasks as (
        insert into matter_tasks (matter_id, kind, due_on, completed_at, completed_by)
        select v.id, 'prosecutor_notice', v.filed_on, v.filed_on + time '17:00', v.attorney_id from vacatur_matters v where v.filed_on is not null and v.attorney_id is not null returning 1),
      talks as (
        insert into prosecutor_communications (id, matter_id, occurred_on, channel, summary_enc, author_id, author_organization_id)
        select gen_random_uuid(), v.id, v.position_recorded_at::date, 'email', ${shape.placeholder}, v.attorney_id, v.legal_organization_id
        from vacatur_matters v where v.position_recorded_at is not null and v.attorney_id is not null returning 1)
      insert into matter_notes (id, matter_id, author_id, author_organization_id, body_enc, created_at)
      select gen_random_uuid(), v.id, v.attorney_id, v.legal_organization_id, ${shape.placeholder}, v.created_at + interval '15 days'
      from vacatur_matters v where v.attorney_id is not null and abs(hashtext(v.id::text)) % 5 = 0`,
  );
}
