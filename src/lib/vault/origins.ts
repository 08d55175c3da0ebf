/**
 * Transaction origins. Every write to a Y.Doc names where it came from, so observers can tell
 * a person's own edit from a load, an import or (later) a peer, and never echo their own writes.
 */
export const ORIGIN = {
  /** An intent function called from the UI: add, trash, restore, retag… */
  local: 'mull:local',
  /** Creating or upgrading the document's own bookkeeping after it has loaded. */
  schema: 'mull:schema',
  /** Importing a file. */
  import: 'mull:import',
  /** Writing a sent message or my own card into a conversation doc. */
  conversation: 'mull:conversation',
  /** A message written into a short-lived pairing room (sync/pairing.ts). */
  pairing: 'mull:pairing',
} as const;

export type Origin = (typeof ORIGIN)[keyof typeof ORIGIN];
