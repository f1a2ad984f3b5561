import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { RELEASE_CATEGORY_LABELS, REVOCATION_METHOD_LABELS, type ReleaseCategory, type RevocationMethod } from "@/lib/releases/constants";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { SERVICE_LABELS, type Service } from "@/lib/organizations/constants";
import { REFERRAL_STATUS_LABELS, type ReferralStatus } from "@/lib/referrals/constants";
import { CLOSE_REASON_LABELS, NOTE_KIND_LABELS, SURVIVOR_STATUS_LABELS, type CloseReason, type SurvivorStatus } from "@/lib/survivors/constants";
import { SERVICE_CATEGORY_LABELS, type ServiceCategory } from "@/lib/survivors/services";
import type { NoteItem, TimelineItem } from "@/lib/survivors/queries/notes";
import {
  JURISDICTION_LABELS,
  MATTER_STATUS_LABELS,
  POST_ORDER_STEP_LABELS,
  PROSECUTOR_POSITION_LABELS,
  type Jurisdiction,
  type MatterStatus,
  type PostOrderStep,
  type ProsecutorPosition,
} from "@/lib/vacatur/constants";
import { CorrectNote } from "./forms";

const FIELD_LABELS: Record<string, string> = {
  preferredName: "preferred name",
  pronouns: "pronouns",
  legalName: "legal name",
  aliases: "aliases",
  dateOfBirth: "date of birth",
  phone: "phone",
  email: "email",
  address: "address",
  codeWord: "code word",
  doNotContact: "never-contact list",
  acpParticipant: "ACP participation",
  county: "county",
  languages: "languages",
  interpreterNeeded: "interpreter need",
  referralSource: "how they came to us",
  victimizationTypes: "victimization types",
  demographics: "demographics",
  safeContact: "safe-contact plan",
};

function describe(item: TimelineItem): string {
  const d = item.details;
  const name = (key: string) => (typeof d[key] === "string" ? (item.names[d[key]] ?? "someone") : "someone");
  switch (item.kind) {
    case "intake":
      return `Intake recorded, assigned to ${name("advocateId")}`;
    case "details_updated":
      return `Updated ${(Array.isArray(d.fields) ? d.fields : []).map((f) => FIELD_LABELS[String(f)] ?? String(f)).join(", ")}`;
    case "status_changed": {
      const reason = typeof d.reason === "string" ? ` (${CLOSE_REASON_LABELS[d.reason as CloseReason] ?? d.reason})` : "";
      return `Status changed from ${SURVIVOR_STATUS_LABELS[d.from as SurvivorStatus]} to ${SURVIVOR_STATUS_LABELS[d.to as SurvivorStatus]}${reason}`;
    }
    case "transferred":
      return `Moved from ${name("fromAdvocateId")} to ${name("toAdvocateId")}`;
    case "transfer_requested":
      return d.requestedFor ? `Asked for a transfer to ${name("requestedFor")}` : "Asked for a transfer";
    case "transfer_declined":
      return "Transfer request declined";
    case "shared":
      return `Shared with ${name("userId")}`;
    case "unshared":
      return `No longer shared with ${name("userId")}`;
    case "release_given": {
      const categories = (Array.isArray(d.categories) ? d.categories : []).map((c) => RELEASE_CATEGORY_LABELS[c as ReleaseCategory]).join(", ");
      return `Release to ${name("recipientOrganizationId")} (${categories}), expires ${formatCalendarDate(String(d.expiresOn))}`;
    }
    case "release_revoked":
      return `Release to ${name("recipientOrganizationId")} revoked (${REVOCATION_METHOD_LABELS[d.method as RevocationMethod] ?? "recorded"})`;
    case "referral_created":
      return `${d.status === "sent" ? "Referred" : "Drafted a referral"} to ${name("recipientOrganizationId")} for ${SERVICE_LABELS[d.service as Service]?.toLowerCase() ?? "a service"}${d.identified ? " (with identity, under a release)" : " (client code and need only)"}`;
    case "referral_status_changed":
      return `Referral to ${name("recipientOrganizationId")} for ${SERVICE_LABELS[d.service as Service]?.toLowerCase() ?? "a service"}: ${REFERRAL_STATUS_LABELS[d.status as ReferralStatus]?.toLowerCase() ?? d.status}`;
    case "court_record_added":
      return `Conviction recorded (${String(d.court ?? "court")})`;
    case "court_record_updated":
      return `Conviction updated (${String(d.court ?? "court")})`;
    case "pending_charge_added":
      return `Pending charge recorded (${JURISDICTION_LABELS[d.jurisdiction as Jurisdiction] ?? "jurisdiction"})`;
    case "pending_charge_resolved":
      return "Pending charge resolved";
    case "later_conviction_added":
      return `Later conviction recorded (${JURISDICTION_LABELS[d.jurisdiction as Jurisdiction] ?? "jurisdiction"})`;
    case "matter_opened":
      return d.legalOrganizationId ? `Vacatur matter opened with ${name("legalOrganizationId")}` : "Vacatur matter opened";
    case "matter_attorney_assigned":
      return `Vacatur matter assigned to ${name("attorneyId")} (${name("legalOrganizationId")})`;
    case "matter_conflict_cleared":
      return `${name("attorneyId")} attested to no conflict of interest on the vacatur matter`;
    case "matter_conflict_declined":
      return "Attorney declined the vacatur matter (conflict of interest)";
    case "matter_status_changed":
      return `Vacatur matter: ${MATTER_STATUS_LABELS[d.from as MatterStatus] ?? d.from} → ${MATTER_STATUS_LABELS[d.to as MatterStatus] ?? d.to}`;
    case "matter_applicant_recorded":
      return d.homicideFamilyApplicant ? "Vacatur matter: a family member applies for the survivor, who died as a victim of homicide" : "Vacatur matter: the survivor applies";
    case "matter_notice_recorded":
      return `Prosecutor notice recorded (${name("prosecutorOfficeId")})`;
    case "matter_position_recorded":
      return `Prosecutor's position: ${PROSECUTOR_POSITION_LABELS[d.position as ProsecutorPosition]?.toLowerCase() ?? d.position}`;
    case "matter_checklist_recorded":
      return `Post-order step: ${POST_ORDER_STEP_LABELS[d.step as PostOrderStep] ?? d.step}`;
    case "matter_hearing_changed":
      return d.change === "continued"
        ? `Vacatur hearing continued to ${formatDateTime(d.to as string)}`
        : d.change === "cancelled"
          ? `Vacatur hearing of ${formatDateTime(d.from as string)} cancelled`
          : `Vacatur hearing changed to ${formatDateTime(d.to as string)}`;
    case "service_recorded":
    case "service_removed": {
      const service = `${SERVICE_CATEGORY_LABELS[d.category as ServiceCategory] ?? "A service"} on ${formatCalendarDate(String(d.occurredOn))}${typeof d.minutes === "number" ? ` (${d.minutes} min)` : ""}`;
      return item.kind === "service_recorded" ? `Service recorded: ${service}` : `Service removed as recorded in error: ${service}`;
    }
    default:
      return item.kind;
  }
}

export function NoteBody({ note }: { note: NoteItem }) {
  return (
    <div className={`rounded-md border p-3 ${note.superseded ? "border-dashed border-slate-300 bg-slate-50" : "border-slate-200"}`}>
      <p className="mb-1 flex flex-wrap gap-2 text-xs text-slate-600">
        <span className="badge bg-sky-50 text-sky-800">{NOTE_KIND_LABELS[note.kind]}</span>
        {note.visibility === "restricted" ? <span className="badge bg-purple-50 text-purple-800">Restricted</span> : null}
        {note.superseded ? <span className="badge bg-slate-100 text-slate-600">Earlier version (corrected)</span> : null}
        {note.revision > 1 ? <span>Version {note.revision}</span> : null}
        <span>
          About {formatCalendarDate(note.contactDate)} · {note.authorName} ({ROLE_LABELS[note.authorRole].toLowerCase()})
        </span>
      </p>
      <p className="whitespace-pre-wrap text-sm">{note.body}</p>
    </div>
  );
}

export function Timeline({ items, meId, survivorId, today, canWrite }: { items: TimelineItem[]; meId: string; survivorId: string; today: string; canWrite: boolean }) {
  if (items.length === 0) return <p className="text-sm text-slate-500">Nothing yet.</p>;
  return (
    <ol className="space-y-4" aria-label="Timeline">
      {items.map((item) => (
        <li key={item.id} className="border-l-2 border-slate-200 pl-3" data-testid="timeline-item">
          <p className="text-xs text-slate-500">
            {formatDateTime(item.occurredAt)} · {item.actorName ?? "System"}
          </p>
          {item.note ? (
            <div className="mt-1 space-y-2">
              <p className="text-sm font-medium">{item.kind === "note_corrected" ? "Corrected a note" : "Added a note"}</p>
              <NoteBody note={item.note} />
              {canWrite && item.note.authorId === meId && !item.note.superseded ? (
                <CorrectNote
                  survivorId={survivorId}
                  today={today}
                  note={{
                    threadId: item.note.threadId,
                    revision: item.note.revision,
                    kind: item.note.kind,
                    visibility: item.note.visibility,
                    contactDate: item.note.contactDate,
                    body: item.note.body,
                  }}
                />
              ) : null}
            </div>
          ) : (
            <p className="text-sm">{describe(item)}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
