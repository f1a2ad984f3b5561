import { currentRequestMeta, requireUser } from "@/lib/auth/session";
import { downloadClause } from "@/lib/fees/queries";
import { refusalResponse } from "@/lib/route-errors";

// The fee clause for the judgment and sentence, as a text file: a missing clause is how fees go uncollected.
export async function GET(_request: Request, { params }: RouteContext<"/fees/[id]/clause">) {
  const me = await requireUser();
  const { id } = await params;
  try {
    const { text, caseNumber } = await downloadClause(me, id, await currentRequestMeta());
    const safeName = caseNumber.replace(/[^A-Za-z0-9-]+/g, "-");
    return new Response(`${text}\n`, {
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Disposition": `attachment; filename="fee-clause-${safeName}.txt"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}
