/**
 * Invites as runes, for both kinds: adding one of my devices, and adding a person. The
 * protocol (sealed grants, check codes, works once, 10 minutes) is ../sync/pairing.ts; this
 * is the room around it and the screens' state.
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
import { InviterSession, JoinerSession, type PairRequest } from '../sync/pairing';
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
  requests: PairRequest[];
  /** Who was paired, once done; or why it closed. */
  outcome: string;
}

export interface InviteHandlers {
  /** What to hand over to the approved joiner (sealed to it). */
  payload(request: PairRequest): Promise<unknown> | unknown;
  /** After the joiner confirmed it opened the grant (or it timed out). */
  approved?(request: PairRequest, payload: unknown): Promise<void> | void;
  /** The sentence shown when done. */
  doneMessage(request: PairRequest, acknowledged: boolean): string;
}

export class InviteFlow {
  invite = $state<OpenInvite | null>(null);
  readonly #kind: InviteKind;
  readonly #network: () => Network;
  readonly #handlers: InviteHandlers;
  #pair: { doc: Y.Doc; room: PeerRoom; session: InviterSession } | null = null;

  constructor(kind: InviteKind, network: () => Network, handlers: InviteHandlers) {
    this.#kind = kind;
    this.#network = network;
    this.#handlers = handlers;
  }

  async start(): Promise<void> {
    this.cancel();
    const invite = createInvite(this.#kind);
    const { doc, room } = await openPairRoom(invite.secret, this.#network());
    const session = await InviterSession.open(doc, invite);
    this.#pair = { doc, room, session };
    this.invite = {
      invite,
      code: encodeInvite(invite),
      link: inviteLink(location.origin, invite),
      stage: 'waiting',
      requests: [],
      outcome: '',
    };
    session.on('requests', (requests) => {
      if (this.invite) this.invite = { ...this.invite, requests };
    });
    session.on('closed', (reason) => {
      if (!this.invite || reason === 'used') return;
      this.invite = {
        ...this.invite,
        stage: 'closed',
        requests: [],
        outcome:
          reason === 'expired'
            ? 'This invite expired. Make a new one when you’re ready.'
            : 'Invite cancelled.',
      };
      this.#leave();
    });
  }

  async approve(request: PairRequest): Promise<void> {
    const pair = this.#pair;
    if (!pair || !this.invite) return;
    this.invite = { ...this.invite, stage: 'approving' };
    const payload = await this.#handlers.payload(request);
    await pair.session.approve(request.joinerId, payload);
    const acknowledged = await pair.session.whenAcknowledged(request.joinerId);
    await this.#handlers.approved?.(request, payload);
    this.invite = {
      ...this.invite,
      stage: 'done',
      requests: [],
      outcome: this.#handlers.doneMessage(request, acknowledged),
    };
    this.#leave();
  }

  decline(request: PairRequest): void {
    this.#pair?.session.decline(request.joinerId);
  }

  cancel(): void {
    this.#pair?.session.close('cancelled');
    this.#leave();
    this.invite = null;
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

export type JoinStage =
  | { stage: 'idle' }
  | { stage: 'connecting'; checkCode: string | null }
  | { stage: 'done'; message: string }
  | { stage: 'failed'; message: string };

export interface JoinHandlers {
  /** The name the inviter will be asked to approve. */
  name(): string;
  /** Public details offered with the request. */
  info?(): Record<string, string>;
  /** Takes the handed-over payload; returns the sentence to show, or throws a readable Error. */
  adopt(payload: unknown): Promise<string>;
}

const WRONG_KIND: Record<InviteKind, string> = {
  device: 'This invite is for talking with someone, not for adding a device.',
  contact: 'This invite is for adding a device, not for talking with someone.',
};

export class JoinFlow {
  state = $state<JoinStage>({ stage: 'idle' });
  readonly #kind: InviteKind;
  readonly #network: () => Network;
  readonly #handlers: JoinHandlers;

  constructor(kind: InviteKind, network: () => Network, handlers: JoinHandlers) {
    this.#kind = kind;
    this.#network = network;
    this.#handlers = handlers;
  }

  async join(code: string): Promise<void> {
    const parsed = parseInvite(code);
    if (!parsed.ok) {
      this.state = { stage: 'failed', message: parsed.message };
      return;
    }
    if (parsed.invite.kind !== this.#kind) {
      this.state = { stage: 'failed', message: WRONG_KIND[this.#kind] };
      return;
    }
    this.state = { stage: 'connecting', checkCode: null };
    const { doc, room } = await openPairRoom(parsed.invite.secret, this.#network());
    const session = await JoinerSession.open(
      doc,
      parsed.invite,
      this.#handlers.name(),
      this.#handlers.info?.() ?? {},
    );
    session.on('check-code', (checkCode) => {
      if (this.state.stage === 'connecting') this.state = { stage: 'connecting', checkCode };
    });
    const result = await session.result;
    if (!result.ok) {
      this.state = { stage: 'failed', message: result.message };
    } else {
      try {
        this.state = { stage: 'done', message: await this.#handlers.adopt(result.payload) };
      } catch (err) {
        this.state = {
          stage: 'failed',
          message:
            err instanceof Error
              ? err.message
              : 'The other side sent something unexpected. Nothing was changed.',
        };
      }
    }
    setTimeout(() => {
      session.destroy();
      room.destroy();
      doc.destroy();
    }, LINGER_MS);
  }

  reset(): void {
    this.state = { stage: 'idle' };
  }
}
