import type { AuditEventView } from "./queries";

// How an audit event reads for admins, on the trail's page and in its CSV: the same words in both.

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.join(", ") || "—";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** One line per change ("role: advocate → program_lead", "legalName changed") and per other detail. */
export function describeDetails(details: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const changes = details.changes as Record<string, { from?: unknown; to?: unknown; changed?: boolean }> | undefined;
  if (changes) {
    for (const [field, change] of Object.entries(changes)) {
      lines.push(change.changed ? `${field} changed` : `${field}: ${show(change.from)} → ${show(change.to)}`);
    }
  }
  for (const [key, value] of Object.entries(details)) {
    if (key !== "changes") lines.push(`${key}: ${show(value)}`);
  }
  return lines;
}

export const CASE_TARGET_LABELS: Record<string, string> = { survivor: "Survivor record", vacatur_matter: "Vacatur matter", referral: "Referral", release: "Release" };

/** What an event is about, as text. Case records: the kind and an opaque reference, never a name or a client code. */
export function describeTarget(event: Pick<AuditEventView, "targetType" | "targetId" | "targetLabel">): string {
  if (!event.targetType) return "—";
  const caseLabel = CASE_TARGET_LABELS[event.targetType];
  if (caseLabel) return `${caseLabel} · ref ${event.targetId?.slice(0, 8) ?? "?"}`;
  const label = event.targetLabel ?? event.targetId;
  if (event.targetType === "user" || event.targetType === "organization") return label ?? "—";
  return `${event.targetType} ${label ?? ""}`.trim();
}
