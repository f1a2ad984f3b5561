import { createHash } from "node:crypto";
import { ScureBase32Plugin } from "otplib";
import type { Role } from "../lib/auth/roles";
import type { OrganizationType, Service } from "../lib/organizations/constants";

// The demo partnership: the King County "Buyer Beware" partners named in ../shared/seeds (OPS and the
// King County Prosecuting Attorney's Office leading, with Seattle Against Slavery, BEST, Stolen Youth
// and the Kent, Des Moines and Seattle police), Legal Hope for vacatur, and the Department of Commerce
// that receives 2% of sex-buyer fees. People are made up; every demo account ends in @clearway.test.
// Pure data, so the browser tests can import it without opening a database.

export const DEMO_PASSWORD = "clearway-demo-2026";

type DemoOrganization = {
  name: string;
  type: OrganizationType;
  county: string | null;
  services: Service[];
  // the partner directory entry (made up, but plausible)
  countiesServed?: string[];
  languages?: string[];
  capacity?: "accepting" | "waitlist" | "not_accepting";
  eligibilityNotes?: string;
  intakeContact?: string;
};

export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  {
    name: "Organization for Prostitution Survivors",
    type: "service_provider",
    county: "King",
    services: ["exit_support", "mental_health", "housing", "employment"],
    countiesServed: ["King", "Snohomish", "Pierce"],
    languages: ["English", "Spanish"],
    capacity: "accepting",
    eligibilityNotes: "Adults (18+) of any gender who have been in the sex trade. No sobriety requirement.",
    intakeContact: "Intake line (demo) 206-555-0150, weekdays 9–5",
  },
  {
    name: "Legal Hope",
    type: "legal_aid",
    county: "King",
    services: ["legal"],
    countiesServed: ["King", "Pierce", "Snohomish", "Kitsap"],
    languages: ["English", "Spanish", "Vietnamese"],
    capacity: "accepting",
    eligibilityNotes: "Vacatur of convictions connected to being trafficked or exploited (RCW 9.96.080, 9.94A.648). Free.",
    intakeContact: "intake@legalhope.example.org (demo)",
  },
  { name: "King County Prosecuting Attorney's Office", type: "prosecutor_office", county: "King", services: [] },
  { name: "Seattle City Attorney's Office", type: "prosecutor_office", county: "King", services: [] },
  // Misdemeanors in a city's municipal court are the city attorney's to prosecute, so a Kent or Des
  // Moines conviction is noticed to that city's office; the Pierce County conviction to its county's.
  { name: "Kent City Attorney's Office", type: "prosecutor_office", county: "King", services: [] },
  { name: "Des Moines City Attorney's Office", type: "prosecutor_office", county: "King", services: [] },
  { name: "Pierce County Prosecuting Attorney's Office", type: "prosecutor_office", county: "Pierce", services: [] },
  {
    name: "Seattle Against Slavery",
    type: "service_provider",
    county: "King",
    services: ["education", "exit_support"],
    languages: ["English"],
    capacity: "accepting",
    intakeContact: "Contact form on the demo site",
  },
  {
    name: "Businesses Ending Slavery and Trafficking (BEST)",
    type: "service_provider",
    county: "King",
    services: ["employment", "education"],
    countiesServed: ["King", "Snohomish"],
    languages: ["English", "Amharic"],
    capacity: "waitlist",
    eligibilityNotes: "Job-readiness cohort starts monthly; waitlist of about three weeks.",
    intakeContact: "Employment programs (demo) 206-555-0160",
  },
  {
    name: "Stolen Youth",
    type: "service_provider",
    county: "King",
    services: ["housing", "exit_support"],
    languages: ["English", "Spanish"],
    capacity: "not_accepting",
    eligibilityNotes: "Young people up to 24.",
    intakeContact: "Youth line (demo) 206-555-0170",
  },
  { name: "Kent Police Department", type: "law_enforcement", county: "King", services: [] },
  { name: "Des Moines Police Department", type: "law_enforcement", county: "King", services: [] },
  { name: "Seattle Police Department", type: "law_enforcement", county: "King", services: [] },
  { name: "King County Sheriff's Office", type: "law_enforcement", county: "King", services: [] },
  // The seeds' St. Joseph, Missouri sting: an operation profile to compare with (no Washington fee applies).
  { name: "St. Joseph Police Department", type: "law_enforcement", county: null, services: [] },
  { name: "Kent Municipal Court", type: "court", county: "King", services: [] },
  { name: "King County Superior Court", type: "court", county: "King", services: [] },
  { name: "Washington State Department of Commerce", type: "government", county: null, services: [] },
];

type DemoAccount = { email: string; name: string; role: Role; organization: string | null };

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "admin@clearway.test", name: "Morgan Reyes", role: "admin", organization: null },
  { email: "lead@clearway.test", name: "Dana Whitfield", role: "program_lead", organization: "Organization for Prostitution Survivors" },
  { email: "advocate@clearway.test", name: "Rosa Delgado", role: "advocate", organization: "Organization for Prostitution Survivors" },
  { email: "advocate2@clearway.test", name: "Tessa Nguyen", role: "advocate", organization: "Organization for Prostitution Survivors" },
  { email: "attorney@clearway.test", name: "Daniel Okafor", role: "attorney", organization: "Legal Hope" },
  { email: "attorney2@clearway.test", name: "Grace Lindqvist", role: "attorney", organization: "Legal Hope" },
  { email: "legal-lead@clearway.test", name: "Aisha Bello", role: "program_lead", organization: "Legal Hope" },
  { email: "prosecutor@clearway.test", name: "Priya Raman", role: "prosecutor", organization: "King County Prosecuting Attorney's Office" },
  { email: "partner@clearway.test", name: "Jamal Carter", role: "partner", organization: "Businesses Ending Slavery and Trafficking (BEST)" },
  // Another service organization's caseload, so the leads' partnership figures cross organizations;
  // she sees none of OPS's survivors, whatever she searches for.
  { email: "youth-advocate@clearway.test", name: "Keisha Morrow", role: "advocate", organization: "Stolen Youth" },
  // The demand side: Kent police's staff see their agency's fee cases and operations, never a survivor.
  { email: "enforcement@clearway.test", name: "Sam Ortega", role: "law_enforcement", organization: "Kent Police Department" },
];

/**
 * A demo account's two-step sign-in key (TOTP, base32), as public as the demo password: derived from
 * the email, so the browser tests and a newcomer's authenticator app know it without a database.
 * Demo data is only ever created on the embedded database, never beside real accounts.
 */
export function demoTotpSecret(email: string): string {
  const bytes = createHash("sha256").update(`clearway-demo-totp:${email}`).digest().subarray(0, 20);
  return new ScureBase32Plugin().encode(new Uint8Array(bytes), { padding: false });
}

export function demoSignInsText(): string {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  const lines = DEMO_ACCOUNTS.map((a) => `    ${a.email.padEnd(width)}  ${demoTotpSecret(a.email)}  ${a.role}${a.organization ? ` · ${a.organization}` : ""}`);
  return [
    `  Demo sign-ins (password for all: ${DEMO_PASSWORD}), each with its two-step sign-in key:`,
    ...lines,
    "  Add a key to an authenticator app (\"enter a setup key\", time-based), or print the current code with",
    "  npm run demo:code -- advocate@clearway.test",
  ].join("\n");
}

