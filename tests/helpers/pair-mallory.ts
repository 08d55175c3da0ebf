import * as Y from 'yjs';
import type { Invite } from '../../src/lib/keys';
import {
  commitment,
  createJoinerKeys,
  openGrant,
  type JoinerClaim,
  type JoinerKeys,
  type SealedGrant,
  type SignedValue,
  type Transcript,
} from '../../src/lib/sync/pair-crypto';
import { PAIR_MAP } from '../../src/lib/sync/pairing';

/** The origin of everything Mallory writes, so her observers can skip her own writes. */
export const MALLORY_ORIGIN = 'test:mallory';

interface Request {
  claim: JoinerClaim;
  keys: JoinerKeys;
  /** The value of `request/<id>` that commits to `keys`. */
  value: { name: string; info: Record<string, string>; commitment: string };
}

/**
 * A third party in a pair room (sync/pairing.ts) who holds the invite: she knows its secret
 * and the inviter's key hash, and, like any peer of the room, writes whatever she likes under
 * any key of the pairing map at any time. What she cannot do is sign as the inviter or open a
 * grant sealed to someone else's key; the tests check that this is all she would need.
 * Used by tests/unit/sync/pairing-attacks.test.ts.
 */
export class Mallory {
  readonly doc: Y.Doc;
  readonly invite: Invite;
  /** Every request she has made or prepared, by the joiner id it was made under. */
  readonly requests = new Map<string, Request>();

  constructor(doc: Y.Doc, invite: Invite) {
    this.doc = doc;
    this.invite = invite;
  }

  get map(): Y.Map<unknown> {
    return this.doc.getMap(PAIR_MAP);
  }

  write(key: string, value: unknown): void {
    this.doc.transact(() => this.map.set(key, value), MALLORY_ORIGIN);
  }

  /** Writes an exact copy of what is under `from` now under `to`. */
  copy(from: string, to: string): void {
    this.write(to, structuredClone(this.map.get(from)));
  }

  /** The body of an inviter field as it stands, signature unchecked (she reads, never trusts). */
  body(key: string): unknown {
    const value = this.map.get(key) as SignedValue | undefined;
    return value === undefined ? undefined : (JSON.parse(value.body) as unknown);
  }

  /**
   * A request under `joinerId` with fresh keys of her own, committed but not written (so a
   * test can write it at the moment it chooses, even inside an observer).
   */
  async prepare(
    joinerId: string,
    name: string,
    info: Record<string, string> = {},
  ): Promise<Request> {
    const keys = await createJoinerKeys();
    const claim = { joinerId, name, info };
    const value = { name, info, commitment: await commitment(claim, keys.publicKey, keys.nonce) };
    const request = { claim, keys, value };
    this.requests.set(joinerId, request);
    return request;
  }

  /** Prepares and writes `request/<joinerId>`. */
  async request(joinerId: string, name: string, info: Record<string, string> = {}) {
    const request = await this.prepare(joinerId, name, info);
    this.write(`request/${joinerId}`, request.value);
    return request;
  }

  /** Reveals exactly what she committed to under `joinerId`. */
  reveal(joinerId: string): void {
    this.write(`reveal/${joinerId}`, this.revealOf(joinerId));
  }

  revealOf(joinerId: string): { publicKey: string; nonce: string } {
    const { keys } = this.#own(joinerId);
    return { publicKey: keys.publicKey, nonce: keys.nonce };
  }

  /** Her transcript for `joinerId`, from her request and the inviter's fields in the doc. */
  transcript(joinerId: string): Transcript {
    const { claim, keys } = this.#own(joinerId);
    return {
      ...claim,
      inviterKey: (this.body('inviter') as { publicKey: string }).publicKey,
      inviterNonce: (this.body(`nonce/${joinerId}`) as { nonce: string }).nonce,
      joinerKey: keys.publicKey,
      joinerNonce: keys.nonce,
    };
  }

  /**
   * The honest joiner's transcript, entirely from what the room shows once it revealed: a
   * third party knows all of it (and the invite's secret), only not the joiner's private key.
   */
  publicTranscript(joinerId: string): Transcript {
    const request = this.map.get(`request/${joinerId}`) as Request['value'];
    const reveal = this.map.get(`reveal/${joinerId}`) as { publicKey: string; nonce: string };
    return {
      joinerId,
      name: request.name,
      info: request.info,
      inviterKey: (this.body('inviter') as { publicKey: string }).publicKey,
      inviterNonce: (this.body(`nonce/${joinerId}`) as { nonce: string }).nonce,
      joinerKey: reveal.publicKey,
      joinerNonce: reveal.nonce,
    };
  }

  /**
   * Calls `fn` synchronously, inside the update that brought it, each time someone else
   * writes `key`: she answers before any honest party's asynchronous read has run.
   */
  onWrite(key: string, fn: (value: unknown) => void): () => void {
    const observer = (event: Y.YMapEvent<unknown>, tx: Y.Transaction): void => {
      if (tx.origin !== MALLORY_ORIGIN && event.keysChanged.has(key)) fn(this.map.get(key));
    };
    this.map.observe(observer);
    return () => this.map.unobserve(observer);
  }

  /**
   * Every payload she can open: each `grant/<id>` in the room, tried with each key pair she
   * holds, under each transcript she could claim for it (her own claim, or the one the room
   * shows for that id). Empty when the protocol held.
   */
  async openedGrants(): Promise<unknown[]> {
    const opened: unknown[] = [];
    for (const [key, value] of this.map.entries()) {
      if (!key.startsWith('grant/')) continue;
      const grantId = key.slice('grant/'.length);
      // Signed as the inviter writes it, or bare as the old protocol did.
      const signed = value as Partial<SignedValue>;
      const sealed = (
        typeof signed.body === 'string' ? JSON.parse(signed.body) : value
      ) as SealedGrant;
      const nonce = this.body(`nonce/${grantId}`) as { nonce: string } | undefined;
      const shown = this.map.get(`request/${grantId}`) as Request['value'] | undefined;
      for (const { claim, keys } of this.requests.values()) {
        const claims = [claim, { ...claim, joinerId: grantId }];
        if (shown) claims.push({ joinerId: grantId, name: shown.name, info: shown.info });
        for (const c of claims) {
          const transcript: Transcript = {
            ...c,
            inviterKey: (this.body('inviter') as { publicKey: string }).publicKey,
            inviterNonce: nonce?.nonce ?? '',
            joinerKey: keys.publicKey,
            joinerNonce: keys.nonce,
          };
          try {
            opened.push((await openGrant(keys, transcript, this.invite.secret, sealed)).payload);
          } catch {
            // Not sealed to her: the outcome every test wants.
          }
        }
      }
    }
    return opened;
  }

  #own(joinerId: string): Request {
    const request = this.requests.get(joinerId);
    if (!request) throw new Error(`Mallory made no request as ${joinerId}`);
    return request;
  }
}
