import type { PetitionedConviction } from "@/lib/vacatur/queries/petition";

/** The counts a matter's petition asks to vacate, as served on the prosecuting office: court, case number, offense and citation. */
export function PetitionedCounts({ convictions }: { convictions: PetitionedConviction[] }) {
  return (
    <section className="card space-y-3" aria-label="Counts petitioned" data-testid="petitioned-counts">
      <h2 className="text-lg font-semibold">Counts petitioned</h2>
      {convictions.length === 0 ? <p className="text-sm text-slate-500">No counts recorded on this petition.</p> : null}
      {convictions.map((c) => (
        <article key={c.id} className="space-y-1 border-t border-slate-100 pt-3 first:border-0 first:pt-0">
          <h3 className="font-medium">
            {c.courtName}, case {c.caseNumber}
          </h3>
          <ul className="text-sm">
            {c.counts.map((n) => (
              <li key={n.count}>
                Count {n.count}: {n.offense} ({n.citation})
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
