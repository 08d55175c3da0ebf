/**
 * Bounds on what an import will even look at (DESIGN.md §4, "Hostile bytes"): a file is
 * measured before it is read, and a file within the bounds can only take as long as its size.
 */

/**
 * Ten years of daily check-ins with notes is 2–5 MB; ten years of long entries perhaps 30 MB.
 * 64 MB leaves room for that and stays parseable in a phone's browser. Decimal megabytes, so
 * the limit reads as a round number in messages (formatBytes counts like the OS does).
 */
export const MAX_IMPORT_BYTES = 64_000_000;

/** Entries (JSON) or rows (CSV) in one file: 50 years at ten a day. */
export const MAX_IMPORT_RECORDS = 200_000;

/** A file with thousands of mistakes is wrong as a whole; the first ones say why. */
export const MAX_REPORTED_PROBLEMS = 20;

/** Records checked between two pauses that let the page repaint and show progress. */
export const IMPORT_SLICE_RECORDS = 500;
