/**
 * SUPERSEDED — the pairing protocol before issue 12 (commit f9a51fc), kept only so
 * tests/unit/sync/pairing-attacks.test.ts can show the attacks it allowed ("stealing the
 * grant", "forging a grant"). Never import it from src/. The current protocol is
 * src/lib/sync/pairing.ts.
 *
 * Changed from the original: import paths, and `Invite` narrowed to the two fields this
 * version read (the old invite format had no inviter key hash).
 */
/**
 * Pairing over a short-lived shared Y.Doc (the "pair" room of an invite's secret). The
 * transport is the caller's: in the app a PeerRoom, in tests two docs passing updates.
 *
 *   inviter                         pair doc                        joiner
 *   open ───────────── inviter: {publicKey} ─────────────▶ (sees the inviter is there)
 *        ◀──────── request/<id>: {name, publicKey, info} ─────────── open
 *   "Approve Pixel? code 4821"                         "code 4821 — check the other screen"
 *   approve ─────── grant/<id>: sealed(payload) ─────────────▶ opens it (only it can)
 *        ◀───────────────── ack/<id> ──────────────────────── done
 *   closed: 'used' ── both leave the room; the invite is dead.
 *
 * An invite works once: after a grant (or a decline of the only request, or expiry, or
 * cancel) the inviter writes `closed` and leaves. A joiner that finds nobody there, or finds
 * `closed`, gets a clear reason. Every value read from the doc is checked and size-capped:
 * anyone holding the invite can write into this doc.
 */
import { ObservableV2 } from 'lib0/observable';
import * as Y from 'yjs';
import type { Invite as CurrentInvite } from '../../../src/lib/keys';
import { ORIGIN } from '../../../src/lib/vault/origins';
import {
  checkCode,
  createEphemeralKeys,
  openGrant,
  sealGrant,
  type EphemeralKeys,
} from './pair-crypto';

/** What the old protocol read of an invite (its format had no inviter key hash). */
export type Invite = Pick<CurrentInvite, 'secret' | 'expiresAt'>;

export const PAIR_MAP = 'pairing';
/** A joiner waits this long for the inviting device to be reachable at all. */
export const INVITER_WAIT_MS = 20_000;
/** After approving, the inviter stays this long for the joiner's acknowledgement. */
export const ACK_WAIT_MS = 30_000;
export const MAX_NAME_CHARS = 60;
const MAX_KEY_CHARS = 120;
const MAX_SEALED_CHARS = 8192;
const MAX_INFO_ENTRIES = 8;
const MAX_INFO_CHARS = 200;

export type ClosedReason = 'used' | 'expired' | 'cancelled';

export interface PairRequest {
  joinerId: string;
  name: string;
  checkCode: string;
  /** Small public details the joiner offers (e.g. a contact's member id). */
  info: Record<string, string>;
}

export type JoinFailure = 'declined' | 'used' | 'expired' | 'cancelled' | 'no-answer' | 'bad-grant';

export type JoinResult =
  { ok: true; payload: unknown } | { ok: false; reason: JoinFailure; message: string };

export const JOIN_FAILURE_MESSAGE: Record<JoinFailure, string> = {
  declined: 'The other device said no to this request. You can ask for a new invite.',
  used: 'This invite has already been used. Invites work once — ask for a new one.',
  expired: 'This invite has expired. Invites last 10 minutes — ask for a new one.',
  cancelled: 'The invite was cancelled on the other device.',
  'no-answer':
    'Couldn’t reach the device that made this invite. Make sure it is online with the invite still showing, then try again.',
  'bad-grant':
    'Something went wrong handing over the keys. Nothing was changed — please try again.',
};

const str = (v: unknown, max: number): string | null =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : null;

function readInfo(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof v !== 'object' || v === null) return out;
  for (const [k, val] of Object.entries(v).slice(0, MAX_INFO_ENTRIES)) {
    const clean = str(val, MAX_INFO_CHARS);
    if (clean && k.length <= 40) out[k] = clean;
  }
  return out;
}

const mapOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(PAIR_MAP);
const write = (doc: Y.Doc, key: string, value: unknown): void => {
  doc.transact(() => {
    mapOf(doc).set(key, value);
  }, ORIGIN.pairing);
};

function readClosed(doc: Y.Doc): ClosedReason | null {
  const v = mapOf(doc).get('closed');
  return v === 'used' || v === 'expired' || v === 'cancelled' ? v : null;
}

type InviterEvents = {
  requests: (requests: PairRequest[]) => void;
  closed: (reason: ClosedReason) => void;
};

export class InviterSession extends ObservableV2<InviterEvents> {
  readonly invite: Invite;
  #doc: Y.Doc;
  #keys: EphemeralKeys;
  #requests: PairRequest[] = [];
  #publicKeys = new Map<string, string>();
  #expiry: ReturnType<typeof setTimeout>;
  #closed: ClosedReason | null = null;

  private constructor(doc: Y.Doc, invite: Invite, keys: EphemeralKeys, now: number) {
    super();
    this.#doc = doc;
    this.invite = invite;
    this.#keys = keys;
    this.#expiry = setTimeout(() => this.close('expired'), invite.expiresAt.getTime() - now);
    mapOf(doc).observe(this.#onChange);
    write(doc, 'inviter', { publicKey: keys.publicKey });
  }

  static async open(doc: Y.Doc, invite: Invite, now = Date.now()): Promise<InviterSession> {
    return new InviterSession(doc, invite, await createEphemeralKeys(), now);
  }

  get requests(): PairRequest[] {
    return this.#requests;
  }

  get closed(): ClosedReason | null {
    return this.#closed;
  }

  #onChange = (): void => {
    void this.#readRequests();
  };

  async #readRequests(): Promise<void> {
    const found: PairRequest[] = [];
    for (const [key, value] of mapOf(this.#doc).entries()) {
      if (!key.startsWith('request/') || typeof value !== 'object' || value === null) continue;
      const joinerId = key.slice('request/'.length);
      const r = value as Record<string, unknown>;
      const name = str(r.name, MAX_NAME_CHARS);
      const publicKey = str(r.publicKey, MAX_KEY_CHARS);
      if (!name || !publicKey || joinerId.length > 64) continue;
      if (mapOf(this.#doc).has(`decline/${joinerId}`)) continue;
      this.#publicKeys.set(joinerId, publicKey);
      found.push({
        joinerId,
        name,
        checkCode: await checkCode(this.#keys.publicKey, publicKey),
        info: readInfo(r.info),
      });
    }
    if (this.#closed) return;
    this.#requests = found;
    this.emit('requests', [found]);
  }

  /** Hands `payload` to one joiner, sealed so only it can read it; the invite is then used. */
  async approve(joinerId: string, payload: unknown): Promise<void> {
    const publicKey = this.#publicKeys.get(joinerId);
    if (this.#closed) throw new Error(`This invite is ${this.#closed}`);
    if (!publicKey) throw new Error('No such request');
    const sealed = await sealGrant(this.#keys.keyPair, publicKey, this.invite.secret, payload);
    this.#doc.transact(() => {
      mapOf(this.#doc).set(`grant/${joinerId}`, sealed);
      mapOf(this.#doc).set('closed', 'used');
    }, ORIGIN.pairing);
    this.#finish('used');
  }

  decline(joinerId: string): void {
    write(this.#doc, `decline/${joinerId}`, true);
    void this.#readRequests();
  }

  /** Resolves when the joiner confirms it opened the grant, or after `ACK_WAIT_MS`. */
  whenAcknowledged(joinerId: string, timeoutMs = ACK_WAIT_MS): Promise<boolean> {
    return new Promise((resolve) => {
      const map = mapOf(this.#doc);
      const check = (): void => {
        if (!map.has(`ack/${joinerId}`)) return;
        clearTimeout(timer);
        map.unobserve(check);
        resolve(true);
      };
      const timer = setTimeout(() => {
        map.unobserve(check);
        resolve(false);
      }, timeoutMs);
      map.observe(check);
      check();
    });
  }

  close(reason: ClosedReason): void {
    if (this.#closed) return;
    write(this.#doc, 'closed', reason);
    this.#finish(reason);
  }

  #finish(reason: ClosedReason): void {
    this.#closed = reason;
    this.#stopObserving();
    this.#requests = [];
    this.emit('closed', [reason]);
  }

  #observing = true;

  #stopObserving(): void {
    clearTimeout(this.#expiry);
    if (!this.#observing) return;
    this.#observing = false;
    mapOf(this.#doc).unobserve(this.#onChange);
  }

  override destroy(): void {
    this.#stopObserving();
    super.destroy();
  }
}

type JoinerEvents = { 'check-code': (code: string) => void };

export class JoinerSession extends ObservableV2<JoinerEvents> {
  readonly joinerId = crypto.randomUUID();
  readonly result: Promise<JoinResult>;
  #doc: Y.Doc;
  #keys: EphemeralKeys;
  #invite: Invite;
  #checkCode: string | null = null;
  #settle: (result: JoinResult) => void = () => {};
  #timers: ReturnType<typeof setTimeout>[] = [];
  #done = false;

  private constructor(
    doc: Y.Doc,
    invite: Invite,
    keys: EphemeralKeys,
    name: string,
    info: Record<string, string>,
    now: number,
  ) {
    super();
    this.#doc = doc;
    this.#invite = invite;
    this.#keys = keys;
    this.result = new Promise((resolve) => (this.#settle = resolve));
    this.#timers.push(
      setTimeout(() => {
        if (!mapOf(doc).has('inviter')) this.#fail('no-answer');
      }, INVITER_WAIT_MS),
      setTimeout(() => this.#fail('expired'), Math.max(0, invite.expiresAt.getTime() - now)),
    );
    mapOf(doc).observe(this.#onChange);
    write(doc, `request/${this.joinerId}`, {
      name: name.slice(0, MAX_NAME_CHARS),
      publicKey: keys.publicKey,
      info,
    });
    void this.#check();
  }

  static async open(
    doc: Y.Doc,
    invite: Invite,
    name: string,
    info: Record<string, string> = {},
    now = Date.now(),
  ): Promise<JoinerSession> {
    return new JoinerSession(doc, invite, await createEphemeralKeys(), name, info, now);
  }

  /** The four digits to compare with the inviting screen, once the inviter is reachable. */
  get checkCode(): string | null {
    return this.#checkCode;
  }

  #onChange = (): void => {
    void this.#check();
  };

  async #check(): Promise<void> {
    if (this.#done) return;
    const map = mapOf(this.#doc);
    const inviter = map.get('inviter') as Record<string, unknown> | undefined;
    const inviterKey = str(inviter?.publicKey, MAX_KEY_CHARS);
    if (inviterKey && !this.#checkCode) {
      this.#checkCode = await checkCode(inviterKey, this.#keys.publicKey);
      this.emit('check-code', [this.#checkCode]);
    }
    const grant = map.get(`grant/${this.joinerId}`) as Record<string, unknown> | undefined;
    const iv = str(grant?.iv, 64);
    const data = str(grant?.data, MAX_SEALED_CHARS);
    if (grant && inviterKey && iv && data) {
      try {
        const payload = await openGrant(this.#keys.keyPair, inviterKey, this.#invite.secret, {
          iv,
          data,
        });
        write(this.#doc, `ack/${this.joinerId}`, true);
        this.#succeed(payload);
      } catch {
        this.#fail('bad-grant');
      }
      return;
    }
    if (map.has(`decline/${this.joinerId}`)) return this.#fail('declined');
    const closed = readClosed(this.#doc);
    if (closed) this.#fail(closed);
  }

  #succeed(payload: unknown): void {
    if (this.#done) return;
    this.#end();
    this.#settle({ ok: true, payload });
  }

  #fail(reason: JoinFailure): void {
    if (this.#done) return;
    this.#end();
    this.#settle({ ok: false, reason, message: JOIN_FAILURE_MESSAGE[reason] });
  }

  #end(): void {
    // Once: Yjs logs an error for removing an observer twice (a finished session is destroyed).
    if (this.#done) return;
    this.#done = true;
    this.#timers.forEach(clearTimeout);
    mapOf(this.#doc).unobserve(this.#onChange);
  }

  override destroy(): void {
    this.#end();
    super.destroy();
  }
}
