"use client";

import { useSyncExternalStore } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// One light bar chart for every dashboard figure: horizontal bars for categories (their labels are long),
// vertical bars for months. It draws the numbers of the table beside it; a hidden (suppressed) figure is
// not drawn, and the table says why. Screen readers get the table, so the drawing is hidden from them.
//
// Drawn in the browser only: the app's Content-Security-Policy refuses style attributes in the HTML
// (style-src has no 'unsafe-inline'), and recharts sizes and places everything with them. Created in the
// browser, those styles are set through the DOM, which the policy allows. Sizes here are classes.

export type ChartSeries = { key: string; name: string; color: string };
export type ChartDatum = { label: string } & Record<string, number | string>;

const subscribe = () => () => {};

/** The bars' area: a class per size, so the height never needs a style attribute. */
function heightClass(rows: number, stacked: boolean): string {
  const lines = rows + (stacked ? 2 : 1);
  if (lines <= 4) return "h-28";
  if (lines <= 6) return "h-40";
  if (lines <= 9) return "h-56";
  if (lines <= 12) return "h-72";
  if (lines <= 15) return "h-96";
  return "h-[32rem]";
}

export function FigureChart({ data, series, kind, stacked: stackedOption }: { data: ChartDatum[]; series: ChartSeries[]; kind: "bars" | "months"; stacked?: boolean }) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  // Parts of one whole stack; figures side by side (assessed and collected) do not.
  const stacked = stackedOption ?? series.length > 1;
  const size = kind === "months" ? "h-56" : heightClass(data.length, stacked);
  if (!inBrowser) return <div aria-hidden="true" className={`w-full ${size}`} />;
  const bars = series.map((s) => <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} stackId={stacked ? "stack" : undefined} isAnimationActive={false} />);
  const legend = series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null;
  return (
    <div aria-hidden="true" className={`w-full ${size}`}>
      <ResponsiveContainer width="100%" height="100%">
        {kind === "months" ? (
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} width={56} tick={{ fontSize: 12 }} />
            <Tooltip />
            {legend}
            {bars}
          </BarChart>
        ) : (
          <BarChart accessibilityLayer={false} layout="vertical" data={data} margin={{ top: 4, right: 16, bottom: 0, left: 0 }} barCategoryGap="20%">
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 12 }} interval={0} />
            <Tooltip />
            {legend}
            {bars}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
