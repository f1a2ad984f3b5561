// Services given to a survivor, in the five categories of the VOCA Performance Measurement Tool
// (DOMAIN.md 4.6). Pure data shared by the schema, the survivor page and the funder report.

export const SERVICE_CATEGORIES = ["information_referral", "personal_advocacy", "emotional_support_safety", "shelter_housing", "justice_assistance"] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];
export const SERVICE_CATEGORY_LABELS: Record<ServiceCategory, string> = {
  information_referral: "Information & referral",
  personal_advocacy: "Personal advocacy & accompaniment",
  emotional_support_safety: "Emotional support & safety",
  shelter_housing: "Shelter & housing",
  justice_assistance: "Criminal/civil justice assistance",
};

/**
 * The services an advocate records most, one click each on the survivor page ("… today"). The rest
 * go through the small form beside them.
 */
export const QUICK_SERVICES: readonly { category: ServiceCategory; button: string }[] = [
  { category: "emotional_support_safety", button: "Emotional support today" },
  { category: "information_referral", button: "Information & referral today" },
  { category: "personal_advocacy", button: "Advocacy or accompaniment today" },
];

/** What each category covers, in the words of the VOCA PMT (shown beside the form and on the funder report). */
export const SERVICE_CATEGORY_HINTS: Record<ServiceCategory, string> = {
  information_referral: "Information about rights, options and the justice system; referrals to other services",
  personal_advocacy: "Advocacy with agencies, employers, landlords; accompaniment to appointments, benefits, medical care",
  emotional_support_safety: "Crisis intervention, emotional support, safety planning, support groups",
  shelter_housing: "Emergency shelter, transitional housing, relocation help",
  justice_assistance: "Help with the criminal or civil justice system: court records, vacatur, court accompaniment, notification",
};

/**
 * Who may remove a service recorded in error (of a survivor they manage, which survivorAccess decides):
 * whoever recorded it, and the program leads of the organization that gave it.
 */
export function mayRemoveService(me: { id: string; role: string; organizationId: string | null }, entry: { staffUserId: string; organizationId: string }): boolean {
  if (me.organizationId !== entry.organizationId) return false;
  return entry.staffUserId === me.id || me.role === "program_lead";
}
