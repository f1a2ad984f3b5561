import { CHAIN_PROBLEM_TEXT, lastIntactHead, recordVerification, verifyAuditChain } from "../lib/audit/chain";
import { closeDb, getDb } from "./client";

// `npm run audit:verify`: walks the audit trail's hash chain (and checks it still passes through where
// the last intact verification ended), records the outcome (admins see it on /admin/audit), prints the
// head to keep elsewhere, and exits 1 at the first event that does not match. On the embedded database,
// stop the server first: PGlite lets one process at a time open its folder.

async function main(): Promise<void> {
  // (it changes nothing but its own record: run the migrations first, with the app's start-up or npm run db:migrate)
  const db = getDb();
  const result = await verifyAuditChain(db, { since: await lastIntactHead(db) });
  await recordVerification(db, result, null);
  if (result.intact) {
    console.log(`Audit chain intact: ${result.linksChecked} events checked in ${result.durationMs} ms.`);
    console.log(`Head: seq ${result.headSeq} ${result.headHash}`);
    return;
  }
  const where = [result.broken?.eventId != null ? `event ${result.broken.eventId}` : null, result.broken?.seq != null ? `link ${result.broken.seq}` : null]
    .filter(Boolean)
    .join(", ");
  console.error(`Audit chain BROKEN at ${where || "the head"}: ${CHAIN_PROBLEM_TEXT[result.broken!.problem]} (${result.broken!.problem})`);
  console.error(`${result.linksChecked} links held before it.`);
  process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  })
  .finally(() => closeDb());
