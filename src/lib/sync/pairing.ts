/**
 * Pairing over a short-lived shared Y.Doc (the "pair" room of an invite's secret). The
 * transport is the caller's: in the app a PeerRoom, in tests docs passing updates. Anyone who
 * holds the invite can read and write this doc, so nothing in it is trusted for what it says:
 * the inviter's fields are signed by the key the invite pins, the joiner's are bound by a
 * commitment and by the code both people compare. Reasoning and comparisons: DESIGN.md §3.
 *
 *   inviter (key pinned by the invite)      pair doc                             joiner
 *   inviter: signed {publicKey, name} ────────────────────────────────▶ checks the pin
 *        ◀──────────── request/<id>: {name, info, commitment} ─────────── commit(key, nonce)
 *   nonce/<id>: signed {nonce} ─────────────────────────────────────────▶ (after the commit)
 *        ◀──────────── reveal/<id>: {publicKey, nonce} ─────────────────── reveal
 *   checks the commitment; both compute the 6-digit code from the whole transcript
 *   "Approve “Pixel 8”? 482 193"                          "Does the other screen show 482 193?"
 *   approve ── grant/<id>: signed sealed(payload), closed: signed {used} ─▶ held until the
 *                                                                           person confirms
 *        ◀──────────── ack/<id>: a token only the grant's opener knows ── adopted, then
 *                                                                           acknowledge()
 *
 * Anything odd ends the invite on both screens ("interfered"): a request or reveal that
 * changes, a reveal that does not match its commitment, any inviter field the inviter did not
 * write (or that fails its signature, on the joiner), more than `MAX_REQUESTS` requests. A
 * person who says the codes differ ends it too ("mismatch").
 */
import { ObservableV2 } from 'lib0/observable';
import * as Y from 'yjs';
import type { Invite } from '../keys';
import { ORIGIN } from '../vault/origins';
import {
  commitment,
  createJoinerKeys,
  createNonce,
  matchesKeyHash,
  openField,
  openGrant,
  sealGrant,
  shortCode,
  signField,
  type InviterKeys,
  type JoinerKeys,
  type SealedGrant,
  type SignedValue,
  type Transcript,
} from './pair-crypto';

export const PAIR_MAP = 'pairing';
/**
 * A joiner waits this long for the inviting device to be reachable at all. Longer than the
 * peer room's retry of a stuck WebRTC handshake (STUCK_PEER_MS 12–24 s, checked every 3 s):
 * when both sides start a connection at once, y-webrtc can leave it stuck, and a joiner that
 * gave up at 20 s never saw the retry that would have worked (pairing-latency.spec.ts).
 */
export const INVITER_WAIT_MS = 40_000;
/** After approving, the inviter stays this long for the joiner's acknowledgement. */
export const ACK_WAIT_MS = 60_000;
/** Requests one invite takes; one more means someone else has the invite too. */
export const MAX_REQUESTS = 3;
export const MAX_NAME_CHARS = 60;
const MAX_ID_CHARS = 64;
const MAX_KEY_CHARS = 120;
const MAX_VALUE_CHARS = 8192;
const MAX_INFO_ENTRIES = 8;
const MAX_INFO_CHARS = 200;

export type ClosedReason = 'used' | 'expired' | 'cancelled' | 'interfered' | 'mismatch';
const CLOSED_REASONS: readonly ClosedReason[] = [
  'used',
  'expired',
  'cancelled',
  'interfered',
  'mismatch',
];

export type GrantOutcome = 'acknowledged' | 'rejected' | 'no-answer';

export interface PairRequest {
  joinerId: string;
  name: string;
  /** Six digits, the same on the joiner's screen when nobody interfered. */
  code: string;
  /** Small public details the joiner offers (e.g. a contact's member id). */
  info: Record<string, string>;
}

export type JoinFailure =
  | 'declined'
  | 'used'
  | 'expired'
  | 'cancelled'
  | 'no-answer'
  | 'interfered'
  | 'mismatch'
  | 'rejected';

export type JoinResult =
  { ok: true; payload: unknown } | { ok: false; reason: JoinFailure; message: string };

export const INTERFERED_MESSAGE =
  'Someone else tried to use this invite. Nothing was shared. Make a new one.';

export const JOIN_FAILURE_MESSAGE: Record<JoinFailure, string> = {
  declined:
    'The other device said no to this request. Nothing was shared. You can ask for a new invite.',
  used: 'This invite has already been used. Invites work once — ask for a new one.',
  expired: 'This invite has expired. Invites last 10 minutes — ask for a new one.',
  cancelled: 'The invite was cancelled on the other device. Nothing was shared.',
  'no-answer':
    'Couldn’t reach the device that made this invite. Make sure it is online with the invite still showing, then try again.',
  interfered: INTERFERED_MESSAGE,
  mismatch:
    'The invite was closed because the codes didn’t match. Nothing was shared. Ask for a new one.',
  rejected:
    'Nothing was shared. As the codes didn’t match, someone else may have seen the invite: make a new one on the other device.',
};

/** What the inviter's screen says when an invite closes by itself. */
export const CLOSED_MESSAGE: Record<Exclude<ClosedReason, 'used'>, string> = {
  expired: 'This invite expired. Make a new one when you’re ready.',
  cancelled: 'Invite cancelled.',
  interfered: INTERFERED_MESSAGE,
  mismatch:
    'The other screen said the codes didn’t match, so nothing was shared. Make a new invite when you’re ready.',
};

export class InviteClosedError extends Error {
  readonly reason: ClosedReason;
  constructor(reason: ClosedReason) {
    super(reason === 'used' ? 'This invite was already used.' : CLOSED_MESSAGE[reason]);
    this.name = 'InviteClosedError';
    this.reason = reason;
  }
}

const str = (v: unknown, max: number): string | null =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : null;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The details of a request, or null when any is malformed (which honest joiners never send). */
function readInfo(v: unknown): Record<string, string> | null {
  if (v === undefined) return {};
  if (!isRecord(v)) return null;
  const entries = Object.entries(v);
  if (entries.length > MAX_INFO_ENTRIES) return null;
  const out: Record<string, string> = {};
  for (const [k, val] of entries) {
    const clean = str(val, MAX_INFO_CHARS);
    if (!clean || k.length === 0 || k.length > 40) return null;
    out[k] = clean;
  }
  return out;
}

function readSigned(v: unknown): SignedValue | null {
  if (!isRecord(v)) return null;
  const body = str(v.body, MAX_VALUE_CHARS);
  const sig = str(v.sig, 200);
  return body && sig ? { body, sig } : null;
}

const mapOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(PAIR_MAP);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Keys the inviter alone writes. */
const INVITER_FIELD = /^(inviter|closed|(nonce|grant|decline)\/.+)$/;

type InviterEvents = {
  requests: (requests: PairRequest[]) => void;
  closed: (reason: ClosedReason) => void;
};

interface Joiner {
  joinerId: string;
  /** The request exactly as first seen; any later change is interference. */
  request: unknown;
  name: string;
  info: Record<string, string>;
  commitment: string;
  nonce: string;
  reveal?: unknown;
  transcript?: Transcript;
  code?: string;
  declined?: boolean;
}

/**
 * The inviting side. Made with the keys whose hash is in `invite` (createInviterKeys, then
 * createInvite(kind, keys.keyHash)).
 */
export class InviterSession extends ObservableV2<InviterEvents> {
  readonly invite: Invite;
  #doc: Y.Doc;
  #keys: InviterKeys;
  #now: () => number;
  #joiners = new Map<string, Joiner>();
  /** What this side wrote under each of its keys, as JSON text. */
  #written = new Map<string, string>();
  /** Per approved joiner, the tokens only it can send back: taken, or refused. */
  #acks = new Map<string, { ack: string; refusal: string }>();
  #expiry: ReturnType<typeof setTimeout>;
  #closed: ClosedReason | null = null;
  #queue: Promise<void> = Promise.resolve();
  #observing = true;

  private constructor(doc: Y.Doc, invite: Invite, keys: InviterKeys, now: () => number) {
    super();
    this.#doc = doc;
    this.invite = invite;
    this.#keys = keys;
    this.#now = now;
    this.#expiry = setTimeout(
      () => this.close('expired'),
      Math.max(0, invite.expiresAt.getTime() - now()),
    );
    mapOf(doc).observe(this.#onChange);
  }

  /**
   * @param options.name who is inviting, as the joiner's screen may say it ("Alice", "Work
   *   laptop"): signed with the pinned key, so only this device can have written it.
   * @param options.now the clock `approve` checks the expiry by.
   */
  static async open(
    doc: Y.Doc,
    invite: Invite,
    keys: InviterKeys,
    { name, now = Date.now }: { name?: string; now?: () => number } = {},
  ): Promise<InviterSession> {
    if (!(await matchesKeyHash(keys.publicKey, invite.inviterKeyHash))) {
      throw new Error('These keys are not the ones this invite pins.');
    }
    const session = new InviterSession(doc, invite, keys, now);
    const shown = name?.trim().slice(0, MAX_NAME_CHARS);
    await session.#write({
      inviter: { publicKey: keys.publicKey, ...(shown ? { name: shown } : {}) },
    });
    session.#enqueue();
    return session;
  }

  /** Requests whose joiner has revealed its key, each with its code; declined ones left out. */
  get requests(): PairRequest[] {
    const out: PairRequest[] = [];
    for (const j of this.#joiners.values()) {
      if (j.code && !j.declined) {
        out.push({ joinerId: j.joinerId, name: j.name, code: j.code, info: j.info });
      }
    }
    return out;
  }

  get closed(): ClosedReason | null {
    return this.#closed;
  }

  #onChange = (): void => this.#enqueue();

  /** Changes are read one pass at a time, in order (signing and hashing are asynchronous). */
  #enqueue(): void {
    this.#queue = this.#queue.then(() => this.#read()).catch(() => this.close('interfered'));
  }

  /** Resolves once every change seen so far has been read. */
  settled(): Promise<void> {
    return this.#queue;
  }

  async #read(): Promise<void> {
    if (this.#closed) return;
    const map = mapOf(this.#doc);
    // My own fields, exactly as I wrote them: any other writer there is interference.
    for (const [key, text] of this.#written) {
      if (JSON.stringify(map.get(key)) !== text) return this.close('interfered');
    }
    let changed = false;
    for (const [key, value] of map.entries()) {
      if (INVITER_FIELD.test(key)) {
        if (!this.#written.has(key)) return this.close('interfered');
        continue;
      }
      const slash = key.indexOf('/');
      const kind = key.slice(0, slash);
      const joinerId = key.slice(slash + 1);
      if (slash < 0 || joinerId.length === 0 || joinerId.length > MAX_ID_CHARS) {
        return this.close('interfered');
      }
      const joiner = this.#joiners.get(joinerId);
      switch (kind) {
        case 'request':
          if (joiner) {
            if (!same(joiner.request, value)) return this.close('interfered');
          } else if (!(await this.#newRequest(joinerId, value))) {
            return;
          }
          break;
        case 'reveal':
          if (!joiner) return this.close('interfered');
          if (joiner.reveal !== undefined) {
            if (!same(joiner.reveal, value)) return this.close('interfered');
          } else {
            if (!(await this.#reveal(joiner, value))) return this.close('interfered');
            changed = true;
          }
          break;
        case 'abort':
          // The joiner's person said the codes differ, or the joiner saw interference.
          if (!joiner) return this.close('interfered');
          return this.close(
            isRecord(value) && value.reason === 'mismatch' ? 'mismatch' : 'interfered',
          );
        case 'ack':
          if (!joiner) return this.close('interfered');
          break;
        default:
          return this.close('interfered');
      }
    }
    if (changed && !this.#closed) this.emit('requests', [this.requests]);
  }

  async #newRequest(joinerId: string, value: unknown): Promise<boolean> {
    if (this.#joiners.size >= MAX_REQUESTS) {
      this.close('interfered');
      return false;
    }
    const r = isRecord(value) ? value : {};
    const name = str(r.name, MAX_NAME_CHARS);
    const committed = str(r.commitment, 64);
    const info = readInfo(r.info);
    if (!name || !committed || !info) {
      this.close('interfered');
      return false;
    }
    const nonce = createNonce();
    this.#joiners.set(joinerId, {
      joinerId,
      request: value,
      name,
      info,
      commitment: committed,
      nonce,
    });
    // Only now, after the joiner is bound to its key and nonce, does it learn mine.
    await this.#write({ [`nonce/${joinerId}`]: { nonce } });
    return true;
  }

  async #reveal(joiner: Joiner, value: unknown): Promise<boolean> {
    joiner.reveal = value;
    const r = isRecord(value) ? value : {};
    const joinerKey = str(r.publicKey, MAX_KEY_CHARS);
    const joinerNonce = str(r.nonce, 64);
    if (!joinerKey || !joinerNonce) return false;
    const claim = { joinerId: joiner.joinerId, name: joiner.name, info: joiner.info };
    if ((await commitment(claim, joinerKey, joinerNonce)) !== joiner.commitment) return false;
    joiner.transcript = {
      ...claim,
      inviterKey: this.#keys.publicKey,
      inviterNonce: joiner.nonce,
      joinerKey,
      joinerNonce,
    };
    joiner.code = await shortCode(joiner.transcript);
    return true;
  }

  /**
   * Signs and writes fields in one transaction, remembering exactly what was written. Writes
   * nothing (false) once the invite is closed, unless `closing`; and closes it instead when
   * someone else already wrote one of these fields.
   */
  async #write(fields: Record<string, unknown>, closing = false): Promise<boolean> {
    const signed: [string, SignedValue][] = [];
    for (const [key, body] of Object.entries(fields)) {
      signed.push([key, await signField(this.#keys, key, body)]);
    }
    if (this.#closed && !closing) return false;
    const map = mapOf(this.#doc);
    const taken = signed.some(
      ([key]) =>
        key !== 'closed' && map.has(key) && this.#written.get(key) !== JSON.stringify(map.get(key)),
    );
    if (taken) {
      this.close('interfered');
      return false;
    }
    this.#doc.transact(() => {
      for (const [key, value] of signed) {
        this.#written.set(key, JSON.stringify(value));
        mapOf(this.#doc).set(key, value);
      }
    }, ORIGIN.pairing);
    return true;
  }

  /**
   * Hands `payload` to the joiner of `request`, sealed to the key behind the code the person
   * compared (never to whatever the doc holds now); the invite is then used. Refuses after
   * expiry by the clock, and on a closed invite.
   */
  async approve(request: PairRequest, payload: unknown): Promise<void> {
    await this.#queue;
    if (this.#closed) throw new InviteClosedError(this.#closed);
    if (this.#now() >= this.invite.expiresAt.getTime()) {
      this.close('expired');
      throw new InviteClosedError('expired');
    }
    const joiner = this.#joiners.get(request.joinerId);
    const transcript = joiner?.transcript;
    if (!joiner || !transcript || joiner.declined || joiner.code !== request.code) {
      throw new Error('No such request');
    }
    const { sealed, ack, refusal } = await sealGrant(transcript, this.invite.secret, payload);
    this.#acks.set(joiner.joinerId, { ack, refusal });
    // Closed while sealing or signing (someone interfered, the joiner said no, it expired):
    // nothing is written.
    const written = await this.#write({
      [`grant/${joiner.joinerId}`]: sealed,
      closed: { reason: 'used' },
    });
    if (!written) throw new InviteClosedError(this.#closed ?? 'interfered');
    this.#finish('used');
  }

  async decline(request: PairRequest): Promise<void> {
    const joiner = this.#joiners.get(request.joinerId);
    if (!joiner || this.#closed) return;
    joiner.declined = true;
    if (await this.#write({ [`decline/${joiner.joinerId}`]: true })) {
      this.emit('requests', [this.requests]);
    }
  }

  /**
   * How the approved joiner answered: it adopted the grant (`acknowledged`), its person said
   * the codes differ (`rejected`: it kept nothing), or nothing by `timeoutMs` — by default
   * until the invite expires, as the joiner's person may take their time (`no-answer`). Both
   * answers carry a token derived from the grant's key, so no one else can give either.
   */
  outcome(
    joinerId: string,
    timeoutMs = Math.max(ACK_WAIT_MS, this.invite.expiresAt.getTime() - this.#now()),
  ): Promise<GrantOutcome> {
    const expected = this.#acks.get(joinerId);
    return new Promise((resolve) => {
      const map = mapOf(this.#doc);
      const finish = (outcome: GrantOutcome): void => {
        clearTimeout(timer);
        map.unobserve(check);
        resolve(outcome);
      };
      const check = (): void => {
        if (!expected) return;
        const abort = map.get(`abort/${joinerId}`);
        if (map.get(`ack/${joinerId}`) === expected.ack) finish('acknowledged');
        else if (isRecord(abort) && abort.proof === expected.refusal) finish('rejected');
      };
      const timer = setTimeout(() => finish('no-answer'), timeoutMs);
      map.observe(check);
      check();
    });
  }

  /** True when the joiner shows it opened the grant (see `outcome`). */
  async whenAcknowledged(joinerId: string, timeoutMs = ACK_WAIT_MS): Promise<boolean> {
    return (await this.outcome(joinerId, timeoutMs)) === 'acknowledged';
  }

  close(reason: ClosedReason): void {
    if (this.#closed) return;
    this.#finish(reason);
    void this.#write({ closed: { reason } }, true);
  }

  #finish(reason: ClosedReason): void {
    this.#closed = reason;
    clearTimeout(this.#expiry);
    // A used invite still watches for the acknowledgement (whenAcknowledged), not for requests.
    this.#stopObserving();
    this.emit('closed', [reason]);
  }

  #stopObserving(): void {
    if (!this.#observing) return;
    this.#observing = false;
    mapOf(this.#doc).unobserve(this.#onChange);
  }

  override destroy(): void {
    clearTimeout(this.#expiry);
    this.#stopObserving();
    super.destroy();
  }
}

type JoinerEvents = { code: (code: string) => void };

/**
 * The joining side. `result` settles once: with the payload only after the grant arrived
 * *and* the person said the codes match (`confirm()`), or with the reason it ended.
 */
export class JoinerSession extends ObservableV2<JoinerEvents> {
  readonly result: Promise<JoinResult>;
  #doc: Y.Doc;
  #keys: JoinerKeys;
  #invite: Invite;
  #claim: { joinerId: string; name: string; info: Record<string, string> };
  /** Inviter fields as first accepted, by key; a later change is interference. */
  #accepted = new Map<string, string>();
  /** This side's own fields as written (request, reveal): a change is interference. */
  #own = new Map<string, string>();
  #inviterKey: string | null = null;
  #inviterName: string | null = null;
  #transcript: Transcript | null = null;
  #code: string | null = null;
  #granted: { payload: unknown; ack: string; refusal: string } | null = null;
  #confirmed = false;
  /** The acknowledgement token, once the result was handed over. */
  #ack: string | null = null;
  #acknowledged = false;
  #settle: (result: JoinResult) => void = () => {};
  #timers: ReturnType<typeof setTimeout>[] = [];
  #queue: Promise<void> = Promise.resolve();
  #done = false;

  private constructor(
    doc: Y.Doc,
    invite: Invite,
    keys: JoinerKeys,
    claim: { joinerId: string; name: string; info: Record<string, string> },
    now: number,
  ) {
    super();
    this.#doc = doc;
    this.#invite = invite;
    this.#keys = keys;
    this.#claim = claim;
    this.result = new Promise((resolve) => (this.#settle = resolve));
    this.#timers.push(
      setTimeout(() => {
        if (!this.#inviterKey) this.#fail('no-answer');
      }, INVITER_WAIT_MS),
      setTimeout(() => this.#fail('expired'), Math.max(0, invite.expiresAt.getTime() - now)),
    );
    mapOf(doc).observe(this.#onChange);
  }

  static async open(
    doc: Y.Doc,
    invite: Invite,
    name: string,
    info: Record<string, string> = {},
    now = Date.now(),
  ): Promise<JoinerSession> {
    const keys = await createJoinerKeys();
    const session = new JoinerSession(
      doc,
      invite,
      keys,
      { joinerId: crypto.randomUUID(), name: name.trim().slice(0, MAX_NAME_CHARS), info },
      now,
    );
    await session.#request();
    return session;
  }

  get #id(): string {
    return this.#claim.joinerId;
  }

  async #request(): Promise<void> {
    const committed = await commitment(this.#claim, this.#keys.publicKey, this.#keys.nonce);
    this.#write(`request/${this.#id}`, {
      name: this.#claim.name,
      info: this.#claim.info,
      commitment: committed,
    });
    this.#enqueue();
  }

  /** The id this side asks under. */
  get joinerId(): string {
    return this.#id;
  }

  /** Who is inviting, as the inviting device signed it; null until known or when not given. */
  get inviterName(): string | null {
    return this.#inviterName;
  }

  /** The six digits to compare with the inviting screen, once the inviter has answered. */
  get code(): string | null {
    return this.#code;
  }

  /** The person says the other screen shows the same code. */
  confirm(): void {
    if (this.#done || !this.#code) return;
    this.#confirmed = true;
    this.#tryFinish();
  }

  /** The person says the codes differ: nothing is adopted, and the inviter is told. */
  reject(): void {
    if (this.#done) return;
    // Holding the grant, this side can prove the refusal is its own.
    const proof = this.#granted ? { proof: this.#granted.refusal } : {};
    this.#write(`abort/${this.#id}`, { reason: 'mismatch', ...proof });
    this.#fail('rejected');
  }

  #onChange = (): void => this.#enqueue();

  #enqueue(): void {
    this.#queue = this.#queue.then(() => this.#read()).catch(() => this.#fail('interfered'));
  }

  /** Resolves once every change seen so far has been read. */
  settled(): Promise<void> {
    return this.#queue;
  }

  /** Writes one of this side's fields, remembering it: nobody else may change it. */
  #write(key: string, value: unknown): void {
    this.#own.set(key, JSON.stringify(value));
    this.#doc.transact(() => mapOf(this.#doc).set(key, value), ORIGIN.pairing);
  }

  /**
   * An inviter field: undefined while absent; its body when signed by the pinned key and
   * unchanged since first seen; `false` for anything else (someone else wrote it).
   */
  async #inviterField(key: string): Promise<unknown> {
    const value = mapOf(this.#doc).get(key);
    if (value === undefined) return undefined;
    const text = JSON.stringify(value);
    const before = this.#accepted.get(key);
    if (before !== undefined) return before === text ? (JSON.parse(text) as SignedValue) : false;
    const signed = readSigned(value);
    if (!signed || !this.#inviterKey) return false;
    const body = await openField(this.#inviterKey, key, signed);
    if (body === undefined) return false;
    this.#accepted.set(key, text);
    return signed;
  }

  /** The body of an inviter field, or undefined; throws (interference) for anything else. */
  async #body(key: string): Promise<unknown> {
    const signed = await this.#inviterField(key);
    if (signed === undefined) return undefined;
    if (signed === false) throw new Error(`${key} was not written by the inviter`);
    return JSON.parse((signed as SignedValue).body) as unknown;
  }

  async #read(): Promise<void> {
    if (this.#done) return;
    const map = mapOf(this.#doc);
    for (const [key, text] of this.#own) {
      if (JSON.stringify(map.get(key)) !== text) return this.#fail('interfered');
    }
    if (!(await this.#readInviter(map.get('inviter')))) return this.#fail('interfered');
    if (!this.#inviterKey) return;
    for (const key of ['closed', `nonce/${this.#id}`, `grant/${this.#id}`, `decline/${this.#id}`]) {
      if ((await this.#inviterField(key)) === false) return this.#fail('interfered');
    }
    if (!this.#code) {
      const nonce = await this.#body(`nonce/${this.#id}`);
      if (nonce !== undefined && !(await this.#revealTo(nonce))) return this.#fail('interfered');
    }
    const grant = await this.#body(`grant/${this.#id}`);
    if (grant !== undefined && !this.#granted) {
      if (!(await this.#open(grant))) return this.#fail('interfered');
      this.#tryFinish();
      return;
    }
    if ((await this.#body(`decline/${this.#id}`)) !== undefined) return this.#fail('declined');
    const closed = await this.#body('closed');
    if (closed !== undefined && !this.#granted) {
      const reason = isRecord(closed) ? closed.reason : undefined;
      const known = CLOSED_REASONS.find((r) => r === reason);
      if (!known) return this.#fail('interfered');
      this.#fail(known);
    }
  }

  /** True unless the inviter field is there and is not the pinned key's. */
  async #readInviter(value: unknown): Promise<boolean> {
    if (value === undefined) return true;
    if (this.#inviterKey) return (await this.#inviterField('inviter')) !== false;
    const signed = readSigned(value);
    const body = signed ? (JSON.parse(signed.body) as unknown) : undefined;
    const publicKey = isRecord(body) ? str(body.publicKey, MAX_KEY_CHARS) : null;
    if (!publicKey || !(await matchesKeyHash(publicKey, this.#invite.inviterKeyHash))) {
      return false;
    }
    this.#inviterKey = publicKey;
    // The name from the very value whose signature was checked, not from an earlier read.
    const verified = await this.#inviterField('inviter');
    if (!verified) return false;
    const checked = JSON.parse((verified as SignedValue).body) as unknown;
    if (!isRecord(checked) || checked.publicKey !== publicKey) return false;
    this.#inviterName = str(checked.name, MAX_NAME_CHARS);
    return true;
  }

  async #revealTo(body: unknown): Promise<boolean> {
    const inviterNonce = isRecord(body) ? str(body.nonce, 128) : null;
    if (!inviterNonce || !this.#inviterKey) return false;
    this.#transcript = {
      ...this.#claim,
      inviterKey: this.#inviterKey,
      inviterNonce,
      joinerKey: this.#keys.publicKey,
      joinerNonce: this.#keys.nonce,
    };
    this.#code = await shortCode(this.#transcript);
    this.#write(`reveal/${this.#id}`, {
      publicKey: this.#keys.publicKey,
      nonce: this.#keys.nonce,
    });
    try {
      this.emit('code', [this.#code]);
    } catch (err) {
      // A listener's mistake is not someone else using the invite.
      console.error(err);
    }
    return true;
  }

  async #open(body: unknown): Promise<boolean> {
    if (!isRecord(body) || !this.#transcript) return false;
    const sealed: SealedGrant | null =
      str(body.ephemeralKey, MAX_KEY_CHARS) && str(body.iv, 64) && str(body.data, MAX_VALUE_CHARS)
        ? (body as unknown as SealedGrant)
        : null;
    if (!sealed) return false;
    try {
      this.#granted = await openGrant(this.#keys, this.#transcript, this.#invite.secret, sealed);
      return true;
    } catch {
      return false;
    }
  }

  #tryFinish(): void {
    if (this.#done || !this.#granted || !this.#confirmed) return;
    const { payload, ack } = this.#granted;
    this.#ack = ack;
    this.#end();
    this.#settle({ ok: true, payload });
  }

  /**
   * Tells the inviter the grant was taken: call it once the payload has been adopted (so the
   * other screen never says "paired" for a device that then failed to adopt it).
   */
  acknowledge(): void {
    if (this.#ack === null || this.#acknowledged) return;
    this.#acknowledged = true;
    this.#write(`ack/${this.#id}`, this.#ack);
  }

  #fail(reason: JoinFailure): void {
    if (this.#done) return;
    // Someone else is in the room: say so, so the inviting screen closes too.
    if (reason === 'interfered') this.#write(`abort/${this.#id}`, { reason: 'interfered' });
    this.#end();
    this.#granted = null;
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
    this.#fail('cancelled');
    super.destroy();
  }
}
