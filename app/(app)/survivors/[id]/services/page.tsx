import Link from "next/link";
import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { currentRequestMeta, requirePermission } from "@/lib/auth/session";
import { orNotFound } from "@/lib/page-data";
import { pageSchema } from "@/lib/pagination";
import { listSurvivorServices } from "@/lib/survivors/queries/services";
import { ServiceList } from "../services-section";

export const metadata = { title: "Services" };

/** Every current service given to one survivor, newest first, for those who manage the survivor. */
export default async function SurvivorServicesPage({ params, searchParams }: PageProps<"/survivors/[id]/services">) {
  const me = await requirePermission("survivors.manage");
  const { id } = await params;
  const query = flattenParams(await searchParams);
  const page = pageSchema.parse(firstParam(query.page));
  const services = await orNotFound(listSurvivorServices(me, id, { page, meta: await currentRequestMeta() }));
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href={`/survivors/${services.survivorId}`}>← {services.preferredName}</Link>
      </p>
      <h1 className="text-2xl font-semibold">
        Services · <span className="font-mono text-xl">{services.clientCode}</span>
      </h1>
      <section className="card">
        <ServiceList items={services.items} />
        <Pagination basePath={`/survivors/${services.survivorId}/services`} params={{}} page={services.page} pageCount={services.pageCount} total={services.total} noun="service" />
      </section>
    </div>
  );
}
