import type { SurvivorRow } from "../../db/schema/survivors";
import { decryptField, encryptField, identityIndex, nameIndex, normalizeName } from "../crypto/fields";
import { searchTokensFor } from "./search";

// The encrypted side of a survivor record: which columns hold ciphertext, how they are sealed for a
// row, and how they are opened again. Only this module knows the column names used as AAD.

export type IdentityDetails = {
  legalName: string | null;
  aliases: string[];
  dateOfBirth: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  codeWord: string | null;
  doNotContact: string | null;
};

export const IDENTITY_FIELDS = ["legalName", "aliases", "dateOfBirth", "phone", "email", "address", "codeWord", "doNotContact"] as const;

const field = (name: string, rowId: string) => ({ field: `survivors.${name}`, rowId });

/**
 * The columns to write for these details: ciphertext plus the blind indexes and search tokens derived
 * from them (so whatever writes identity, in whatever transaction, writes its look-ups with it).
 */
export function sealIdentity(rowId: string, organizationId: string, details: IdentityDetails) {
  const names = [details.legalName, ...details.aliases].filter((n): n is string => Boolean(n && normalizeName(n)));
  return {
    legalNameEnc: encryptField(details.legalName, field("legal_name", rowId)),
    aliasesEnc: details.aliases.length ? encryptField(JSON.stringify(details.aliases), field("aliases", rowId)) : null,
    dateOfBirthEnc: encryptField(details.dateOfBirth, field("date_of_birth", rowId)),
    phoneEnc: encryptField(details.phone, field("phone", rowId)),
    emailEnc: encryptField(details.email, field("email", rowId)),
    addressEnc: encryptField(details.address, field("address", rowId)),
    codeWordEnc: encryptField(details.codeWord, field("code_word", rowId)),
    doNotContactEnc: encryptField(details.doNotContact, field("do_not_contact", rowId)),
    legalNameIndex: details.legalName ? nameIndex(details.legalName) : null,
    identityIndex: details.legalName && details.dateOfBirth ? identityIndex(details.legalName, details.dateOfBirth) : null,
    nameIndexes: [...new Set(names.map(nameIndex))],
    searchTokens: searchTokensFor(organizationId, details),
  };
}

export function openIdentity(row: SurvivorRow): IdentityDetails {
  return {
    ...openSearchableIdentity(row),
    phone: decryptField(row.phoneEnc, field("phone", row.id)),
    email: decryptField(row.emailEnc, field("email", row.id)),
    address: decryptField(row.addressEnc, field("address", row.id)),
    codeWord: decryptField(row.codeWordEnc, field("code_word", row.id)),
    doNotContact: decryptField(row.doNotContactEnc, field("do_not_contact", row.id)),
  };
}

/** The details search tokens are made of, from the encrypted columns (filling tokens of older records). */
export function openSearchableIdentity(row: Pick<SurvivorRow, "id" | "legalNameEnc" | "aliasesEnc" | "dateOfBirthEnc">): Pick<IdentityDetails, "legalName" | "aliases" | "dateOfBirth"> {
  const aliases = decryptField(row.aliasesEnc, field("aliases", row.id));
  return {
    legalName: decryptField(row.legalNameEnc, field("legal_name", row.id)),
    aliases: aliases ? (JSON.parse(aliases) as string[]) : [],
    dateOfBirth: decryptField(row.dateOfBirthEnc, field("date_of_birth", row.id)),
  };
}

export function sealNoteBody(noteId: string, body: string): string {
  return encryptField(body, { field: "survivor_notes.body", rowId: noteId });
}

export function openNoteBody(noteId: string, stored: string): string {
  return decryptField(stored, { field: "survivor_notes.body", rowId: noteId }) ?? "";
}
