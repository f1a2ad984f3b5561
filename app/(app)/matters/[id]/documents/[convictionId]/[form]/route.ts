import { currentRequestMeta, requireUser } from "@/lib/auth/session";
import { refusalResponse } from "@/lib/route-errors";
import { documentFileName, renderDocument } from "@/lib/vacatur/documents";
import { getDocumentData } from "@/lib/vacatur/queries/downloads";

// A draft of the matching pattern form for one conviction of a matter, for the matter's attorneys.
// getDocumentData checks the matter policy and the releases and audits the generation.
export async function GET(_request: Request, { params }: RouteContext<"/matters/[id]/documents/[convictionId]/[form]">) {
  const me = await requireUser();
  const { id, convictionId, form } = await params;
  if (form !== "petition" && form !== "order") return new Response("Not found", { status: 404 });
  try {
    const data = await getDocumentData(me, id, convictionId, form, await currentRequestMeta());
    const input = { form, conviction: data.conviction, defendantName: data.defendantName, aliases: data.aliases, conclusion: data.conclusion } as const;
    const pdf = await renderDocument(input);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${documentFileName(input)}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}
