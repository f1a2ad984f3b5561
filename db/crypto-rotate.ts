import { remainingUnderOldKeys, rotateKeys } from "../lib/crypto/rotate";
import { closeDb, getDb } from "./client";

// `npm run crypto:rotate`: after a new CLEARWAY_ENCRYPTION_KEY is set (the old one moved to
// CLEARWAY_PREVIOUS_ENCRYPTION_KEYS) and the app restarted with it, re-encrypts every value still under an
// old key and rebuilds the look-ups made from it (README "Rotating the encryption key"). Safe to stop and
// run again: it continues with what is left. Prints counts and row ids only, never a value. Exits 1 when
// a value could not be decrypted (its key is not configured, or it is damaged). On the embedded
// database, stop the server first: PGlite lets one process at a time open its folder.

const BATCH_SIZE = 200;

const rows = (n: number) => `${n} ${n === 1 ? "row" : "rows"}`;

async function main(): Promise<void> {
  // (it changes ciphertexts only: run the migrations first, with the app's start-up or npm run db:migrate)
  const db = getDb();
  const report = await rotateKeys(db, {
    batchSize: BATCH_SIZE,
    onProgress: (p) => console.log(`${p.table}: batch ${p.batch} done, ${rows(p.rowsRotated)} re-encrypted so far (last row ${p.lastRowId})`),
  });
  console.log(`Current key: ${report.keyId}`);
  for (const table of report.tables) {
    if (table.rowsRotated === 0 && table.rowsAlreadyCurrent === 0) continue;
    const columns = Object.entries(table.columns).map(([column, n]) => `${column} ${n}`).join(", ");
    console.log(`  ${table.table}: ${rows(table.rowsRotated)} re-encrypted${columns ? ` (${columns})` : ""}${table.rowsAlreadyCurrent ? `, ${table.rowsAlreadyCurrent} already moved by an edit` : ""}`);
  }
  if (report.tables.every((t) => t.rowsRotated === 0)) console.log("  Nothing to re-encrypt.");

  for (const value of report.unreadable) console.error(`Could not decrypt ${value.table}.${value.column} of row ${value.rowId}: ${value.reason}`);

  const remaining = await remainingUnderOldKeys(db);
  if (remaining.length === 0) {
    console.log("Every encrypted value is under the current key: CLEARWAY_PREVIOUS_ENCRYPTION_KEYS can now be emptied (then restart).");
  } else {
    console.log("Still under other keys (keep CLEARWAY_PREVIOUS_ENCRYPTION_KEYS as it is):");
    for (const r of remaining) console.log(`  ${r.table}.${r.column}: ${r.count} under key ${r.keyId}`);
    if (report.unreadable.length === 0) console.log("Run npm run crypto:rotate again: these were edited while it ran.");
  }
  if (report.unreadable.length > 0) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  })
  .finally(() => closeDb());
