/**
 * Insights for 365 days over the ten-year vault: the one `computeInsights` call the Insights
 * screen's `$derived` makes (issue 4: under one frame budget; measured, not asserted). Timed in
 * Node on the same machine; the browser's V8 runs the same code, so it is a fair proxy for the
 * computation, though not for drawing the SVG afterwards.
 */
import type * as Y from 'yjs';
import { computeInsights } from '../src/lib/insights';
import { listEntries } from '../src/lib/vault';
import { median, percentile, round } from './stats';

export interface InsightsFigures {
  insights_365_p50_ms: number | null;
  insights_365_p95_ms: number | null;
  /** One frame at 60 Hz, the budget issue 4 names. */
  insights_frame_budget_ms: number;
  insights_entries: number;
}

const WARMUP = 3;
const RUNS = 20;
const FRAME_MS = 1000 / 60;

export function benchInsights(doc: Y.Doc): InsightsFigures {
  const entries = listEntries(doc);
  // "Now" is the vault's last day, so the 365 days are full of data.
  const newest = entries.reduce((max, e) => (e.createdAt > max ? e.createdAt : max), '');
  const now = new Date(newest);
  const run = (): number => {
    const t0 = performance.now();
    computeInsights(entries, { days: 365, timeZone: 'Europe/Berlin', now });
    return performance.now() - t0;
  };
  for (let i = 0; i < WARMUP; i++) run();
  const timings = Array.from({ length: RUNS }, run);
  return {
    insights_365_p50_ms: round(median(timings)),
    insights_365_p95_ms: round(percentile(timings, 95)),
    insights_frame_budget_ms: round(FRAME_MS) as number,
    insights_entries: entries.length,
  };
}
