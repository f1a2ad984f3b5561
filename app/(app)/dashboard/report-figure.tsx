import { EmptyRow } from "@/app/_components/list";
import Link from "next/link";
import type { ReportTable, TableRow } from "@/lib/reports/tables";
import { FigureChart, type ChartDatum, type ChartSeries } from "@/app/_components/figure-chart";

// One figure of the dashboard: its chart, its table (the same numbers, for everyone and for screen
// readers) and the link to download exactly that table as CSV.

const COLORS = ["#0f766e", "#94a3b8"];

function chartOf(table: ReportTable): { data: ChartDatum[]; series: ChartSeries[] } {
  // Across the partnership a category table has three columns (yours, other organizations', everyone's):
  // the chart stacks the first two. Otherwise it draws the first column.
  const stacked = table.columns.length === 3;
  const series: ChartSeries[] = stacked
    ? [
        { key: "own", name: table.columns[0]!, color: COLORS[0]! },
        { key: "others", name: table.columns[1]!, color: COLORS[1]! },
      ]
    : [{ key: "own", name: table.columns[0]!, color: COLORS[0]! }];
  const data = table.rows.map((r) => ({ label: r.label, own: r.cells[0]?.value ?? 0, ...(stacked ? { others: r.cells[1]?.value ?? 0 } : {}) }));
  return { data, series };
}

function Row({ row, header }: { row: TableRow; header?: boolean }) {
  return (
    <tr className={header ? "font-semibold" : undefined}>
      <th scope="row" className="!px-3 !py-2 !text-sm !font-normal !normal-case !tracking-normal !text-slate-800">
        {row.label}
      </th>
      {row.cells.map((cell, i) => (
        <td key={i} className={`text-right tabular-nums ${cell.hidden ? "text-slate-500 italic" : ""}`}>
          {cell.href ? <Link href={cell.href}>{cell.text}</Link> : cell.text}
        </td>
      ))}
    </tr>
  );
}

export function ReportFigure({ table, csvHref }: { table: ReportTable; csvHref: string }) {
  const headingId = `figure-${table.id}-title`;
  const chart = table.chart ? chartOf(table) : null;
  return (
    <section className={`card min-w-0 space-y-3 ${table.chart ? "" : "lg:col-span-2"}`} aria-labelledby={headingId} data-testid={`figure-${table.id}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={headingId} className="font-semibold">
          {table.title}
        </h3>
        <a href={csvHref} download className="text-sm" aria-label={`Download CSV: ${table.title}`} data-testid="figure-csv">
          Download CSV
        </a>
      </div>
      {chart && table.rows.length > 0 ? <FigureChart data={chart.data} series={chart.series} kind={table.chart!} /> : null}
      {chart && table.rows.some((r) => r.cells.some((c) => c.hidden)) ? <p className="text-xs text-slate-500">Hidden figures are not drawn.</p> : null}
      <div className="overflow-x-auto">
        <table className="table">
          <caption className="caption-top pb-2 text-left text-sm text-slate-600">{table.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{table.rowHeader}</th>
              {table.columns.map((c) => (
                <th key={c} scope="col" className="text-right">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <EmptyRow colSpan={table.columns.length + 1}>Nothing in this period.</EmptyRow>
            ) : null}
            {table.rows.map((row) => (
              <Row key={row.key} row={row} />
            ))}
          </tbody>
          {table.total ? (
            <tfoot>
              <Row row={table.total} header />
            </tfoot>
          ) : null}
        </table>
      </div>
      {table.note ? <p className="text-xs text-slate-500">{table.note}</p> : null}
    </section>
  );
}
