/**
 * Whether this device has caught up with one peer: it received the peer's answer to our sync
 * step 1 (their sync step 2: everything they had that we lacked, deletions included), and our
 * state vector now covers the one they announced in their own sync step 1. Counting messages
 * is not enough — a step 2 whose structs could not all be integrated (a gap) leaves us behind
 * while looking answered — so the state vectors are compared.
 *
 * Fed every whole sync message from one WebRTC connection after it was applied (peer-room.ts).
 * Once caught up, the connection keeps us up to date (each change is sent as it happens), so
 * it stays caught up until it closes.
 *
 *   peer ── step 1 (their state vector) ─────────────▶ remember it
 *   peer ── step 2 (answer to ours, applied) ─────────▶ answered
 *   answered, their state vector ⊆ ours ──────────────▶ caught up
 */
import * as decoding from 'lib0/decoding';
import { messageYjsSyncStep1, messageYjsSyncStep2 } from 'y-protocols/sync';
import * as Y from 'yjs';

/** y-webrtc's type for a sync message (y-webrtc.js `messageSync`). */
const MESSAGE_SYNC = 0;

/** Whether state vector `ours` has every struct that `theirs` counts. */
export function coversStateVector(
  ours: ReadonlyMap<number, number>,
  theirs: ReadonlyMap<number, number>,
): boolean {
  for (const [client, clock] of theirs) if ((ours.get(client) ?? 0) < clock) return false;
  return true;
}

type SyncStep = { step: 1; stateVector: Map<number, number> } | { step: 2 } | null;

/** The step of a whole y-webrtc message: 1 with its state vector, 2, or null for anything else. */
export function readSyncStep(message: Uint8Array): SyncStep {
  try {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
    const type = decoding.readVarUint(decoder);
    if (type === messageYjsSyncStep2) return { step: 2 };
    if (type !== messageYjsSyncStep1) return null;
    return { step: 1, stateVector: Y.decodeStateVector(decoding.readVarUint8Array(decoder)) };
  } catch {
    return null; // peer-guard.ts has already refused anything malformed
  }
}

/** One connection's progress towards "caught up" (see the file comment). */
export class CatchUp {
  readonly #doc: Y.Doc;
  #theirs: Map<number, number> | null = null;
  #answered = false;
  #caughtUp = false;

  constructor(doc: Y.Doc) {
    this.#doc = doc;
  }

  get caughtUp(): boolean {
    return this.#caughtUp;
  }

  /**
   * Takes one whole message from the peer, after it was applied to the doc; returns whether
   * this connection is caught up now. Any later message may complete it (their step 1 can
   * arrive after their step 2; an update can fill a gap).
   */
  observe(message: Uint8Array): boolean {
    if (this.#caughtUp) return true;
    const sync = readSyncStep(message);
    if (sync?.step === 1) this.#theirs = sync.stateVector;
    else if (sync?.step === 2) this.#answered = true;
    if (this.#answered && this.#theirs) {
      this.#caughtUp = coversStateVector(
        Y.decodeStateVector(Y.encodeStateVector(this.#doc)),
        this.#theirs,
      );
    }
    return this.#caughtUp;
  }
}
