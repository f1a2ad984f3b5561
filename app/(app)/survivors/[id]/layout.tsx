import type { Metadata } from "next";
import { recordTitleTemplate } from "@/app/_components/record-title";
import { getCurrentUser } from "@/lib/auth/session";
import { survivorTitle } from "@/lib/record-titles";

// Names the survivor in the title of the record's page and every page under it (edit, access, court
// records, new referral...) by client code, as the record's access function allows.
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return recordTitleTemplate(await survivorTitle(await getCurrentUser(), id), "Survivor");
}

export default function SurvivorRecordLayout({ children }: { children: React.ReactNode }) {
  return children;
}
