import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { orNotFound } from "@/lib/page-data";
import { listReferralPartners } from "@/lib/referrals/queries";
import { getSurvivorHeading } from "@/lib/survivors/queries/record";
import { ReferralForm } from "./referral-form";

export const metadata = { title: "New referral" };

export default async function NewReferralPage({ params }: PageProps<"/survivors/[id]/referrals/new">) {
  const me = await requirePermission("referrals.send");
  const { id } = await params;
  const survivor = await orNotFound(getSurvivorHeading(me, id));
  const partners = await listReferralPartners(me, survivor.id);
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p className="text-sm">
        <Link href={`/survivors/${id}`}>
          ← {survivor.preferredName} ({survivor.clientCode})
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Refer {survivor.preferredName}</h1>
      <ReferralForm survivorId={survivor.id} clientCode={survivor.clientCode} partners={partners} />
    </div>
  );
}
