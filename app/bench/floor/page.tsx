import { notFound } from "next/navigation";
import { getEnv } from "@/lib/env";

// The yardstick of `npm run bench` (tests/perf/bench.ts): a dynamic page through the same proxy, root
// layout and renderer as every other page, with no session check and no query. Each page's throughput
// is reported as a share of this one's. Off unless CLEARWAY_BENCH_ROUTES=1; then a 404 like any unknown path.
export default function BenchFloorPage() {
  if (!getEnv().benchRoutes) notFound();
  return <p>ok</p>;
}
