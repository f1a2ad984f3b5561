import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { referralEvents, referrals } from "../../db/schema/referrals";
import { survivorLegalHolds, survivorNotes, survivors } from "../../db/schema/survivors";
import { users } from "../../db/schema/users";
import { convictions, matterConvictions, matterNotes, prosecutorCommunications, vacaturMatters } from "../../db/schema/vacatur";
import { sealIdentity } from "../survivors/identity";
import type { FieldContext } from "./fields";

// The inventory of what Clearway encrypts and what it keys with the master key (ASVS 11.1.2), as key
// rotation (lib/crypto/rotate.ts) needs it: every column holding encryptField ciphertext, the context
// (column and row) its value is bound to, and the keyed hashes computed from it that must be rebuilt
// with it. A new encrypted column belongs here, or a rotation leaves it under the old key and
// `npm run crypto:rotate` never reports that the previous key can be removed. The retention purge
// (lib/retention/purge.ts) overwrites each of these columns of a purged record before deleting it, and
// refuses to run for a table it has no scope for.
//
// Keyed hashes that are NOT rebuilt, on purpose:
// - sign_in_throttles.key (the sign-in address, its block, the typed email, lib/auth/authenticate.ts, and a
//   trusted device's id, lib/auth/trusted-device.ts):
//   transient counters whose input is not stored (an address) or not known to be an account (a typed
//   email). Once the new key is current they simply count again from zero (the switch does that, not
//   this command); rows under the old key are no longer reached and their windows lapse. Deleting them
//   here would gain nothing: a hash carries no key id, so rows already counting under the new key could
//   not be told apart, and deleting those too would reset counts the switch did not.
// - idempotency_keys.request_hash (lib/idempotency.ts): only a create saved before the switch and
//   resubmitted after it (a double click across a restart) is refused instead of answered with its
//   saved result; nothing is saved twice.
// - sealed tokens (lib/crypto/seal.ts, sealed under the current key only): short-lived, they expire;
//   after the switch, open ones (an enrolment in progress, a trusted-device cookie) are simply refused.
// Recovery codes are plain SHA-256 (lib/auth/totp.ts), independent of the key.

/** A row as the rotation reads it: the selected properties (drizzle keys, camelCase). */
export type RotationRow = Record<string, unknown>;

export type EncryptedColumn = {
  column: PgColumn;
  /**
   * The contexts a value may have been sealed with, the one the app reads first. The value is
   * re-encrypted under the context it opened with, so rotation never changes what the app can read.
   */
  contexts: (row: RotationRow) => FieldContext[];
};

export type EncryptedTable = {
  table: PgTable;
  /** the primary key, in the order the walk pages through it */
  key: Record<string, PgColumn>;
  /** how reports name the row (ids only) */
  rowId: (row: RotationRow) => string;
  ciphertexts: Record<string, EncryptedColumn>;
  /** other columns the contexts or look-ups are computed from; the rotation's write is guarded on them too */
  inputs?: Record<string, PgColumn>;
  /** the keyed hashes (look-ups) to write with the new ciphertexts, from the row's plaintexts */
  lookups?: (plain: Record<string, string | null>, row: RotationRow) => Record<string, unknown>;
};

const byId = (row: RotationRow) => String(row.id);
const fixed = (field: string) => (row: RotationRow) => [{ field, rowId: byId(row) }];

const survivorField = (name: string) => fixed(`survivors.${name}`);

/**
 * The status note is bound to the matter's version after the status change that wrote it; later
 * versioned writes (assigning an attorney, a conclusion) move the version on without re-sealing it.
 * The current version is tried first, then the earlier ones, and the note keeps the context it has.
 */
function statusNoteContexts(row: RotationRow): FieldContext[] {
  const version = Number(row.version);
  return Array.from({ length: Math.max(version, 1) }, (_, i) => ({ field: `vacatur_matters.status_note.${version - i}`, rowId: byId(row) }));
}

/** Blind indexes and search tokens, computed exactly as the app computes them when it saves identity. */
function survivorLookups(plain: Record<string, string | null>, row: RotationRow) {
  const sealed = sealIdentity(byId(row), String(row.organizationId), {
    legalName: plain.legalNameEnc ?? null,
    aliases: plain.aliasesEnc ? (JSON.parse(plain.aliasesEnc) as string[]) : [],
    dateOfBirth: plain.dateOfBirthEnc ?? null,
    phone: plain.phoneEnc ?? null,
    email: plain.emailEnc ?? null,
    address: plain.addressEnc ?? null,
    codeWord: plain.codeWordEnc ?? null,
    doNotContact: plain.doNotContactEnc ?? null,
  });
  return { legalNameIndex: sealed.legalNameIndex, identityIndex: sealed.identityIndex, nameIndexes: sealed.nameIndexes, searchTokens: sealed.searchTokens };
}

export const ENCRYPTED_TABLES: EncryptedTable[] = [
  {
    table: survivors,
    key: { id: survivors.id },
    rowId: byId,
    ciphertexts: {
      legalNameEnc: { column: survivors.legalNameEnc, contexts: survivorField("legal_name") },
      aliasesEnc: { column: survivors.aliasesEnc, contexts: survivorField("aliases") },
      dateOfBirthEnc: { column: survivors.dateOfBirthEnc, contexts: survivorField("date_of_birth") },
      phoneEnc: { column: survivors.phoneEnc, contexts: survivorField("phone") },
      emailEnc: { column: survivors.emailEnc, contexts: survivorField("email") },
      addressEnc: { column: survivors.addressEnc, contexts: survivorField("address") },
      codeWordEnc: { column: survivors.codeWordEnc, contexts: survivorField("code_word") },
      doNotContactEnc: { column: survivors.doNotContactEnc, contexts: survivorField("do_not_contact") },
    },
    // search tokens are bound to the owning organization
    inputs: { organizationId: survivors.organizationId },
    lookups: survivorLookups,
  },
  {
    table: survivorNotes,
    key: { id: survivorNotes.id },
    rowId: byId,
    ciphertexts: { bodyEnc: { column: survivorNotes.bodyEnc, contexts: fixed("survivor_notes.body") } },
  },
  {
    table: survivorLegalHolds,
    key: { id: survivorLegalHolds.id },
    rowId: byId,
    ciphertexts: { reasonEnc: { column: survivorLegalHolds.reasonEnc, contexts: fixed("survivor_legal_holds.reason") } },
  },
  {
    table: users,
    key: { id: users.id },
    rowId: byId,
    ciphertexts: { totpSecret: { column: users.totpSecret, contexts: fixed("users.totp_secret") } },
  },
  {
    table: referrals,
    key: { id: referrals.id },
    rowId: byId,
    ciphertexts: {
      reasonEnc: { column: referrals.reasonEnc, contexts: fixed("referrals.reason") },
      notesEnc: { column: referrals.notesEnc, contexts: fixed("referrals.notes") },
    },
  },
  {
    table: referralEvents,
    key: { id: referralEvents.id },
    rowId: byId,
    ciphertexts: { noteEnc: { column: referralEvents.noteEnc, contexts: fixed("referral_events.note") } },
  },
  {
    table: convictions,
    key: { id: convictions.id },
    rowId: byId,
    ciphertexts: { caseNumberEnc: { column: convictions.caseNumberEnc, contexts: fixed("convictions.case_number") } },
  },
  {
    table: vacaturMatters,
    key: { id: vacaturMatters.id },
    rowId: byId,
    ciphertexts: {
      blockerEnc: { column: vacaturMatters.blockerEnc, contexts: fixed("vacatur_matters.blocker") },
      statusNoteEnc: { column: vacaturMatters.statusNoteEnc, contexts: statusNoteContexts },
      filingCaseNumberEnc: { column: vacaturMatters.filingCaseNumberEnc, contexts: fixed("vacatur_matters.filing_case_number") },
    },
    inputs: { version: vacaturMatters.version },
  },
  {
    table: matterConvictions,
    key: { matterId: matterConvictions.matterId, convictionId: matterConvictions.convictionId },
    rowId: (row) => `${String(row.matterId)}:${String(row.convictionId)}`,
    ciphertexts: {
      conclusionNoteEnc: {
        column: matterConvictions.conclusionNoteEnc,
        contexts: (row) => [{ field: "matter_convictions.conclusion_note", rowId: `${String(row.matterId)}:${String(row.convictionId)}` }],
      },
    },
  },
  {
    table: prosecutorCommunications,
    key: { id: prosecutorCommunications.id },
    rowId: byId,
    ciphertexts: { summaryEnc: { column: prosecutorCommunications.summaryEnc, contexts: fixed("prosecutor_communications.summary") } },
  },
  {
    table: matterNotes,
    key: { id: matterNotes.id },
    rowId: byId,
    ciphertexts: { bodyEnc: { column: matterNotes.bodyEnc, contexts: fixed("matter_notes.body") } },
  },
];
