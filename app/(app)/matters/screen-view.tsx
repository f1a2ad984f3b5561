import { formatCalendarDate } from "@/lib/format";
import { NOT_LEGAL_ADVICE, ROUTE_OUTCOME_LABELS, RULESET_DESCRIPTION, type ConvictionScreen, type RouteOutcome, type TestResult } from "@/lib/vacatur/rules/screen";

const OUTCOME_TONE: Record<RouteOutcome, string> = {
  appears_eligible: "bg-emerald-50 text-emerald-800",
  needs_review: "bg-sky-50 text-sky-800",
  blocked: "bg-amber-50 text-amber-800",
  not_eligible: "bg-slate-100 text-slate-600",
};
const RESULT_LABEL: Record<TestResult, string> = { met: "Met", not_met: "Not met", unknown: "Unknown" };
const RESULT_TONE: Record<TestResult, string> = { met: "text-emerald-700", not_met: "text-red-700", unknown: "text-slate-600" };

/** The screen of one conviction: each count, each route, each test with its evidence and citation. */
export function ScreenView({ screen }: { screen: ConvictionScreen }) {
  return (
    <div className="space-y-3" data-testid="screen">
      <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">
        {NOT_LEGAL_ADVICE} Rules {screen.rulesetVersion}, as of {formatCalendarDate(screen.asOf)}: {RULESET_DESCRIPTION}
      </p>
      {screen.notes.map((note) => (
        <p key={note} className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="legacy-note">
          {note}
        </p>
      ))}
      {screen.earliestDate ? <p className="text-sm">Earliest date a waiting period ends: <strong>{formatCalendarDate(screen.earliestDate)}</strong></p> : null}
      {screen.counts.map((count) => (
        <div key={count.count} className="space-y-2">
          <h4 className="text-sm font-medium">
            Count {count.count}: {count.offense} ({count.citation})
          </h4>
          {count.routes.map((route) => (
            <details key={route.route} className="rounded-md border border-slate-200 p-2" open={route.outcome !== "not_eligible"}>
              <summary className="cursor-pointer text-sm">
                <span className={`badge mr-2 ${OUTCOME_TONE[route.outcome]}`}>{ROUTE_OUTCOME_LABELS[route.outcome]}</span>
                {route.citation}: {route.title}
                {route.earliestDate ? <span className="ml-2 text-slate-600">(wait ends {formatCalendarDate(route.earliestDate)})</span> : null}
              </summary>
              <ul className="mt-2 space-y-1 text-sm">
                {route.tests.map((t) => (
                  <li key={t.id}>
                    <span className={`font-medium ${RESULT_TONE[t.result]}`}>{t.kind === "confirm" ? "To confirm" : RESULT_LABEL[t.result]}</span>: {t.label}.{" "}
                    <span className="text-slate-600">
                      {t.evidence} ({t.citation})
                    </span>
                  </li>
                ))}
              </ul>
              {route.blockers.length ? (
                <ul className="mt-2 space-y-1 text-sm">
                  {route.blockers.map((b) => (
                    <li key={b.label} className="text-amber-900">
                      Blocker: {b.label}. Clears with: {b.clears}
                    </li>
                  ))}
                </ul>
              ) : null}
            </details>
          ))}
        </div>
      ))}
    </div>
  );
}
