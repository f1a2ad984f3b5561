import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { feeJurisdictions, lawEnforcementAgencies } from "@/lib/fees/queries";
import { operationChoices } from "@/lib/operations/queries";
import { FeeCaseForm } from "./fee-case-form";

export const metadata = { title: "Record a fee case" };

export default async function NewFeeCasePage() {
  const me = await requirePermission("fees.record");
  const [{ recordable }, agencies, operations] = await Promise.all([feeJurisdictions(me), lawEnforcementAgencies(me), operationChoices(me)]);
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm">
        <Link href="/fees">← Sex-buyer fees</Link>
      </p>
      <h1 className="text-2xl font-semibold">Record a fee case</h1>
      <p className="text-sm text-slate-600">
        A conviction, deferred sentence, deferred prosecution or diversion for buying or promoting sex carries the fee of RCW 9A.88.120 (or RCW 9.68A.105 for offenses against
        minors). Record the buyer&apos;s court case here; nothing about the people they bought is recorded.
      </p>
      {recordable.length === 0 ? (
        <p className="card text-sm">You record fee cases in the jurisdictions of your organization&apos;s county, and none is listed there yet. A program lead or an administrator adds jurisdictions.</p>
      ) : (
        <FeeCaseForm jurisdictions={recordable.map((j) => ({ id: j.id, name: j.name }))} agencies={agencies} operations={operations} />
      )}
    </div>
  );
}
