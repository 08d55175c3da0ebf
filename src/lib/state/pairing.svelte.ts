/**
 * Invites as runes, for both kinds: adding one of my devices, and adding a person. The
 * protocol (pinned inviter, committed six-digit code, both people confirm, works once,
 * 10 minutes) is ../sync/pairing.ts; this is the room around it and the screens' state.
 */
import * as Y from 'yjs';
import {
  createInvite,
  encodeInvite,
  inviteLink,
  parseInvite,
  type Invite,
  type InviteKind,
} from '../keys';
import { createInviterKeys } from '../sync/pair-crypto';
import {
  CLOSED_MESSAGE,
  InviteClosedError,
  InviterSession,
  JOIN_FAILURE_MESSAGE,
  JoinerSession,
  type ClosedReason,
  type JoinFailure,
  type PairRequest,
} from '../sync/pairing';
import { PeerRoom } from '../sync/peer-room';
import type { Network } from '../sync/network';

/** Lets the last message leave before the pairing room's connections close. */
const LINGER_MS = 1500;

async function openPairRoom(
  secret: Uint8Array,
  network: Network,
): Promise<{ doc: Y.Doc; room: PeerRoom }> {
  const doc = new Y.Doc();
  const room = await PeerRoom.join({
    doc,
    secret,
    kind: 'pair',
    signaling: network.signaling,
    iceServers: network.iceServers,
    iceTransportPolicy: network.iceTransportPolicy,
  });
  return { doc, room };
}

export type InviteStage = 'waiting' | 'approving' | 'done' | 'closed';

export interface OpenInvite {
  invite: Invite;
  code: string;
  link: string;
  stage: InviteStage;
  /** Requests with a code to compare; only these can be approved. */
  requests: PairRequest[];
  /** Who is being approved, while `approving`. */
  approving: string;
  /** Who was paired, once done; or why it closed. */
  outcome: string;
  /** Why it closed by itself (`closed` stage), for the screen to offer a new invite. */
  closedReason: ClosedReason | null;
  /** A quiet note about a request declined without asking (someone blocked), or ''. */
  note: string;
}

export interface InviteHandlers {
  /** What to hand over to the approved joiner (sealed to it). */
  payload(request: PairRequest): Promise<unknown> | unknown;
  /** After the joiner showed it adopted the grant. */
  approved?(request: PairRequest, payload: unknown): Promise<void> | void;
  /** The sentence shown when done. */
  doneMessage(request: PairRequest, acknowledged: boolean): string;
  /** Who is inviting, for the joiner's screen ("Does Alice’s screen show …?"). */
  inviterName?(): string;
  /** A request to decline without asking (someone blocked): a note for the screen; else null. */
  refuse?(request: PairRequest): string | null;
}

export class InviteFlow {
  invite = $state<OpenInvite | null>(null);
  readonly kind: InviteKind;
  readonly #network: () => Network;
  readonly #handlers: InviteHandlers;
  #pair: { doc: Y.Doc; room: PeerRoom; session: InviterSession } | null = null;

  constructor(kind: InviteKind, network: () => Network, handlers: InviteHandlers) {
    this.kind = kind;
    this.#network = network;
    this.#handlers = handlers;
  }

  async start(): Promise<void> {
    this.cancel();
    // The keys come first: the invite pins their public key, so a joiner trusts no other.
    const keys = await createInviterKeys();
    const invite = createInvite(this.kind, keys.keyHash);
    const { doc, room } = await openPairRoom(invite.secret, this.#network());
    const session = await InviterSession.open(doc, invite, keys, {
      name: this.#handlers.inviterName?.(),
    });
    this.#pair = { doc, room, session };
    this.invite = {
      invite,
      code: encodeInvite(invite),
      link: inviteLink(location.origin, invite),
      stage: 'waiting',
      requests: session.requests,
      approving: '',
      outcome: '',
      closedReason: null,
      note: '',
    };
    session.on('requests', (requests) => {
      if (this.#pair?.session === session && this.invite?.stage === 'waiting') {
        this.invite = { ...this.invite, ...this.#screen(session, requests) };
      }
    });
    session.on('closed', (reason) => {
      if (this.#pair?.session === session && reason !== 'used') this.#closed(reason);
    });
    // Closed while the listeners were being attached (reading is asynchronous).
    if (session.closed && session.closed !== 'used') this.#closed(session.closed);
  }

  /** Declines, without asking, the requests the handlers refuse; the rest are for the person. */
  #screen(
    session: InviterSession,
    requests: PairRequest[],
  ): { requests: PairRequest[]; note?: string } {
    const asked: PairRequest[] = [];
    let note: string | undefined;
    for (const request of requests) {
      const refused = this.#handlers.refuse?.(request) ?? null;
      if (refused === null) asked.push(request);
      else {
        note = refused;
        void session.decline(request);
      }
    }
    return note === undefined ? { requests: asked } : { requests: asked, note };
  }

  #closed(reason: Exclude<ClosedReason, 'used'>): void {
    this.#end('closed', CLOSED_MESSAGE[reason], reason);
  }

  /** The invite is over: `outcome` on screen, and the pair room let go. */
  #end(stage: 'done' | 'closed', outcome: string, closedReason: ClosedReason | null = null): void {
    if (!this.invite) return;
    this.invite = { ...this.invite, stage, requests: [], outcome, closedReason };
    this.#leave();
  }

  /** Hands over to the joiner of `request`: only a request with a code the person compared. */
  async approve(request: PairRequest): Promise<void> {
    const pair = this.#pair;
    if (!pair || this.invite?.stage !== 'waiting' || !/^\d{6}$/.test(request.code)) return;
    this.invite = { ...this.invite, stage: 'approving', approving: request.name };
    try {
      const payload = await this.#handlers.payload(request);
      await pair.session.approve(request, payload);
      const outcome = await pair.session.outcome(request.joinerId);
      if (this.#pair !== pair || !this.invite) return;
      if (outcome === 'rejected') {
        // Its person said the codes differ: it kept nothing, and neither does this side.
        return this.#end(
          'closed',
          `${request.name} said the codes didn’t match, so nothing was kept. Make a new invite when you’re ready.`,
          'mismatch',
        );
      }
      const acknowledged = outcome === 'acknowledged';
      // Only a joiner that showed it took the grant is added (a contact on both sides or
      // neither); one that never answered was still handed the grant, and is told so below.
      if (acknowledged) await this.#handlers.approved?.(request, payload);
      if (this.#pair !== pair) return;
      this.#end('done', this.#handlers.doneMessage(request, acknowledged));
    } catch (err) {
      if (this.#pair !== pair || !this.invite) return;
      if (err instanceof InviteClosedError && err.reason !== 'used') {
        this.#closed(err.reason);
      } else if (pair.session.closed === 'used') {
        // The grant went out, and something after it failed: say what is known, no more.
        this.#end('done', this.#handlers.doneMessage(request, false));
      } else {
        // Nothing was sent: the person can try again, or decline.
        this.invite = { ...this.invite, stage: 'waiting', requests: pair.session.requests };
      }
    }
  }

  async decline(request: PairRequest): Promise<void> {
    await this.#pair?.session.decline(request);
  }

  /** Closes the invite, or clears a finished one from the screen. */
  cancel(): void {
    this.#pair?.session.close('cancelled');
    this.#leave();
    this.invite = null;
  }

  /** Clears a finished (done or closed) invite; an open one stays open. */
  dismiss(): void {
    if (this.invite?.stage === 'done' || this.invite?.stage === 'closed') this.invite = null;
  }

  #leave(): void {
    const pair = this.#pair;
    this.#pair = null;
    if (!pair) return;
    setTimeout(() => {
      pair.session.destroy();
      pair.room.destroy();
      pair.doc.destroy();
    }, LINGER_MS);
  }
}

/** A way on from a finished join: "Open your journal", "Write to Alice". */
export interface NextStep {
  label: string;
  href: string;
}

export type JoinStage =
  | { stage: 'idle' }
  /** Asking; the inviter has not answered with its part of the code yet. */
  | { stage: 'connecting' }
  /**
   * The code is on screen: the person compares it with the other screen and answers. `from`
   * is who invited, as their device signed it (null when it did not say).
   */
  | { stage: 'confirm'; code: string; from: string | null }
  /** The person said the codes match; the grant has not arrived yet. */
  | { stage: 'waiting'; code: string; from: string | null }
  | { stage: 'done'; message: string; next?: NextStep }
  | { stage: 'failed'; message: string };

export interface JoinHandlers {
  /** The name the inviter will be asked to approve; `chosen` is what the person typed. */
  name(chosen?: string): string;
  /** Public details offered with the request. */
  info?(): Record<string, string>;
  /**
   * Takes the handed-over payload; returns what to show, or throws a readable Error. The
   * inviter hears it was taken once this returns; `acknowledge` says so earlier, for an adopt
   * that reloads the page (it waits for the message to leave).
   */
  adopt(
    payload: unknown,
    acknowledge: () => Promise<void>,
  ): Promise<{ message: string; next?: NextStep }>;
}

const readable = (err: unknown, otherwise: string): string =>
  err instanceof Error && err.message ? err.message : otherwise;

const WRONG_KIND: Record<InviteKind, string> = {
  device: 'This invite is for talking with someone, not for adding a device.',
  contact: 'This invite is for adding a device, not for talking with someone.',
};

/** The joiner cannot make the new invite: it says where one comes from. */
const DEVICE_FAILURE_MESSAGE: Partial<Record<JoinFailure, string>> = {
  interfered:
    'Someone else tried to use this invite. Nothing was shared. Make a new one on your other device.',
};

/** A contact's invite comes from a person, not from "the other device". */
const CONTACT_FAILURE_MESSAGE: Partial<Record<JoinFailure, string>> = {
  interfered: 'Someone else tried to use this invite. Nothing was shared. Ask for a new one.',
  declined: 'The invite wasn’t approved this time. Nothing was shared.',
  cancelled: 'The invite was cancelled. Nothing was shared.',
  'no-answer':
    'Couldn’t reach the person who invited you. They need Mull open with the invite showing; try again when they do.',
  rejected:
    'Nothing was shared. As the codes didn’t match, someone else may have seen the invite: ask for a new one.',
};

export class JoinFlow {
  state = $state<JoinStage>({ stage: 'idle' });
  readonly kind: InviteKind;
  readonly #network: () => Network;
  readonly #handlers: JoinHandlers;
  #session: JoinerSession | null = null;
  /** From the press of Join until the outcome is on screen. */
  #active = false;

  constructor(kind: InviteKind, network: () => Network, handlers: JoinHandlers) {
    this.kind = kind;
    this.#network = network;
    this.#handlers = handlers;
  }

  #message(reason: JoinFailure): string {
    const own = this.kind === 'contact' ? CONTACT_FAILURE_MESSAGE : DEVICE_FAILURE_MESSAGE;
    return own[reason] ?? JOIN_FAILURE_MESSAGE[reason];
  }

  async join(code: string, name?: string): Promise<void> {
    if (this.#active) return;
    this.#active = true;
    try {
      await this.#join(code, name);
    } finally {
      this.#active = false;
    }
  }

  async #join(code: string, name?: string): Promise<void> {
    const parsed = parseInvite(code);
    if (!parsed.ok) {
      this.state = { stage: 'failed', message: parsed.message };
      return;
    }
    if (parsed.invite.kind !== this.kind) {
      this.state = { stage: 'failed', message: WRONG_KIND[this.kind] };
      return;
    }
    let asName: string;
    try {
      asName = this.#handlers.name(name);
    } catch (err) {
      this.state = { stage: 'failed', message: readable(err, 'That name can’t be used.') };
      return;
    }
    this.state = { stage: 'connecting' };
    let opened: { doc: Y.Doc; room: PeerRoom; session: JoinerSession };
    try {
      const { doc, room } = await openPairRoom(parsed.invite.secret, this.#network());
      const info = this.#handlers.info?.() ?? {};
      opened = { doc, room, session: await JoinerSession.open(doc, parsed.invite, asName, info) };
    } catch (err) {
      console.warn('Could not start joining', err);
      this.state = { stage: 'failed', message: this.#message('no-answer') };
      return;
    }
    const { doc, room, session } = opened;
    this.#session = session;
    const showCode = (code: string): void => {
      if (this.#session === session && this.state.stage === 'connecting') {
        this.state = { stage: 'confirm', code, from: session.inviterName };
      }
    };
    session.on('code', showCode);
    if (session.code) showCode(session.code);
    const result = await session.result;
    this.#session = null;
    if (!result.ok) {
      this.state = { stage: 'failed', message: this.#message(result.reason) };
    } else {
      try {
        const acknowledge = async (): Promise<void> => {
          session.acknowledge();
          await new Promise((resolve) => setTimeout(resolve, LINGER_MS));
        };
        const adopted = await this.#handlers.adopt(result.payload, acknowledge);
        session.acknowledge();
        this.state = { stage: 'done', ...adopted };
      } catch (err) {
        this.state = {
          stage: 'failed',
          message: readable(err, 'The other side sent something unexpected. Nothing was changed.'),
        };
      }
    }
    setTimeout(() => {
      session.destroy();
      room.destroy();
      doc.destroy();
    }, LINGER_MS);
  }

  /** The person says the other screen shows the same code. */
  confirm(): void {
    if (this.state.stage !== 'confirm' || !this.#session) return;
    this.state = { stage: 'waiting', code: this.state.code, from: this.state.from };
    this.#session.confirm();
  }

  /** The person says the codes differ: nothing is adopted, and the inviter is told. */
  reject(): void {
    if (this.state.stage !== 'confirm' && this.state.stage !== 'waiting') return;
    this.#session?.reject();
  }

  /** Back to the form, unless a join is under way. */
  reset(): void {
    if (this.#active) return;
    this.state = { stage: 'idle' };
  }
}
