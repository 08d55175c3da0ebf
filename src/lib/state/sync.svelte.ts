/**
 * Own-device sync as runes: this device's identity, the vault's peer room, a status a person
 * understands, the devices list, and pairing (making an invite, or joining with one).
 *
 * The vault secret is created on first run and never leaves this device except sealed inside
 * a pairing grant to a device the person approved (../sync/pairing.ts).
 */
import { untrack } from 'svelte';
import * as Y from 'yjs';
import { createSecret, decodeSecret, encodeSecret } from '../keys';
import { DEVICE_KEY, DeviceStore, guessDeviceName } from '../sync/device-store';
import { defaultSignalingUrl, PeerRoom, type PeerRoomStatus } from '../sync/peer-room';
import {
  cleanDeviceName,
  devicesOf,
  listDevices,
  readNetwork,
  registerDevice,
  renameDevice,
  settingsOf,
  SETTING,
  stampSeen,
  SEEN_STAMP_INTERVAL_MS,
  type DeviceRecord,
  type IceServer,
} from '../vault';
import { formatWhen } from '../time/dates';
import { href } from './router.svelte';
import type { Network } from '../sync/network';
import { adoptVaultApart, holdsAnything, vaultHoldings, type Holdings } from './keep-apart';
import { InviteFlow, JoinFlow, type NextStep } from './pairing.svelte';
import { ySubscriber } from './y-subscriber';

/** How long without any signaling connection before the status says "Working offline". */
export const OFFLINE_GRACE_MS = 4000;
/** Allowance past `SEEN_STAMP_INTERVAL_MS` for a connected device's next stamp to arrive. */
const RECENT_SLACK_MS = 5 * 60 * 1000;
/** How long after the servers in Settings change before the vault's room is rejoined. */
export const SETTINGS_REJOIN_MS = 500;

/** Build-time defaults (see README "Configuration"). */
function buildDefaults(): {
  signaling: string[];
  iceServers: IceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
} {
  const env = import.meta.env as Record<string, string | undefined>;
  const signaling = (env.VITE_MULL_SIGNALING ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let iceServers: IceServer[] = [];
  try {
    iceServers = env.VITE_MULL_ICE_SERVERS
      ? (JSON.parse(env.VITE_MULL_ICE_SERVERS) as IceServer[])
      : [];
  } catch {
    console.warn('VITE_MULL_ICE_SERVERS is not valid JSON; ignoring it');
  }
  // 'relay' sends everything through TURN: for very strict networks, and to test TURN.
  const iceTransportPolicy = env.VITE_MULL_ICE_TRANSPORT_POLICY === 'relay' ? 'relay' : 'all';
  return { signaling, iceServers, iceTransportPolicy };
}

/** For a device join when this device already holds a journal of its own. */
export type JoinChoice = 'apart' | 'merge';

export class SyncState {
  readonly #doc: Y.Doc;
  readonly #store: DeviceStore;
  #room: PeerRoom | null = null;
  #secret: Uint8Array | null = null;
  #stampTimer: ReturnType<typeof setInterval> | undefined;
  #offlineTimer: ReturnType<typeof setTimeout> | undefined;

  #status = $state<PeerRoomStatus>({
    signalingConnected: 0,
    signalingTotal: 0,
    peers: 0,
    lastReceivedAt: null,
  });
  readonly #trackDevices: () => void;
  readonly #trackServers: () => void;
  readonly #stopReactions: () => void;
  #started = $state(false);
  #offline = $state(false);
  /** Other devices (or my home peer) this vault has caught up with and is still connected to. */
  #caughtUp = $state(0);
  deviceId = $state('');

  readonly #devices = $derived.by(() => {
    this.#trackDevices();
    return listDevices(this.#doc);
  });

  constructor(doc: Y.Doc, store = new DeviceStore()) {
    this.#doc = doc;
    this.#store = store;
    this.#trackDevices = ySubscriber(devicesOf(doc));
    const trackServers = ySubscriber(settingsOf(doc), { keys: [SETTING.signaling] });
    this.#trackServers = trackServers;
    // Not a reader but a reaction, for as long as sync runs: rejoin when the servers change.
    this.#stopReactions = $effect.root(() => {
      $effect(() => {
        trackServers();
        untrack(() => this.#onSettings());
      });
    });
    window.addEventListener('offline', this.#onBrowserOffline);
    window.addEventListener('online', this.#onBrowserOnline);
  }

  /**
   * With no network at all there is no one to reach: let go of peers and signaling rather
   * than retry into the void, and pick up again (y-webrtc syncs what changed) when it is back.
   */
  #onBrowserOffline = (): void => {
    this.#room?.provider.disconnect();
    this.#offline = true;
    this.#caughtUp = 0;
  };

  #onBrowserOnline = (): void => {
    this.#room?.provider.connect();
  };

  /** Loads (or on first run creates) this device's keys, and joins the vault's room. */
  async start(): Promise<void> {
    this.#secret = await this.#store.getOrCreate(DEVICE_KEY.vaultSecret, createSecret);
    this.deviceId = await this.#store.getOrCreate(DEVICE_KEY.deviceId, () => crypto.randomUUID());
    const name = await this.#store.getOrCreate(DEVICE_KEY.deviceName, () =>
      guessDeviceName(navigator.userAgent),
    );
    registerDevice(this.#doc, this.deviceId, name);
    await this.#joinVaultRoom();
    this.#started = true;
  }

  get signalingUrls(): string[] {
    // Tracked, so Settings shows the servers just saved, not the ones before.
    this.#trackServers();
    const chosen = readNetwork(this.#doc).signaling;
    if (chosen.length) return chosen;
    const built = buildDefaults().signaling;
    return built.length ? built : [defaultSignalingUrl(location)];
  }

  get iceServers(): IceServer[] {
    this.#trackServers();
    const chosen = readNetwork(this.#doc).iceServers;
    return chosen.length ? chosen : buildDefaults().iceServers;
  }

  /** Servers the current room was joined with (see `#onSettings`). */
  #roomKey = '';
  #joinedWith = $state<Network | null>(null);
  #joining: Promise<void> = Promise.resolve();

  /** (Re)joins the vault's room; one join at a time, so two can never interleave. */
  #joinVaultRoom(): Promise<void> {
    const join = this.#joining.then(
      () => this.#join(),
      () => this.#join(),
    );
    this.#joining = join.catch(() => {});
    return join;
  }

  async #join(): Promise<void> {
    if (!this.#secret) return;
    this.#room?.destroy();
    this.#caughtUp = 0;
    this.#roomKey = this.#serversKey();
    this.#joinedWith = this.network;
    this.#room = await PeerRoom.join({
      doc: this.#doc,
      secret: this.#secret,
      kind: 'vault',
      signaling: this.signalingUrls,
      iceServers: this.iceServers,
      iceTransportPolicy: buildDefaults().iceTransportPolicy,
    });
    this.#room.on('status', this.#onStatus);
    this.#room.on('caughtUp', (peers) => (this.#caughtUp = peers));
    this.#onStatus(this.#room.status);
    if (!navigator.onLine) this.#onBrowserOffline();
  }

  #onStatus = (status: PeerRoomStatus): void => {
    const before = this.#status;
    this.#status = status;
    if (status.peers > 0 && before.peers === 0) {
      // Just met another device: say so in the shared list, and keep saying it now and then.
      stampSeen(this.#doc, this.deviceId, undefined, true);
      clearInterval(this.#stampTimer);
      this.#stampTimer = setInterval(
        () => stampSeen(this.#doc, this.deviceId),
        SEEN_STAMP_INTERVAL_MS,
      );
    } else if (status.peers === 0) {
      clearInterval(this.#stampTimer);
    }
    clearTimeout(this.#offlineTimer);
    if (status.signalingConnected === 0) {
      this.#offlineTimer = setTimeout(() => (this.#offline = true), OFFLINE_GRACE_MS);
    } else {
      this.#offline = false;
    }
  };

  #serversKey(): string {
    return JSON.stringify([this.signalingUrls, this.iceServers]);
  }

  #rejoinTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Rejoins when the servers change — a moment later, and only if they still differ from the
   * current room's. Settings also change when another device's vault merges in, possibly in
   * steps (its older value first, then its newer one): rejoining at once, from inside that
   * merge, once left a relay-only device rejoined with no TURN server and unable to reach
   * anyone.
   */
  #onSettings = (): void => {
    // Not `#started`: that is set only after the first join, and a change made while it was
    // under way (Settings → Save on a new device) would be lost, leaving the room without the
    // TURN server. Once there is a secret, a join has begun or will; joins queue one at a time.
    if (!this.#secret) return;
    clearTimeout(this.#rejoinTimer);
    this.#rejoinTimer = setTimeout(() => {
      if (this.#serversKey() !== this.#roomKey) void this.#joinVaultRoom();
    }, SETTINGS_REJOIN_MS);
  };

  /** The servers the vault's room was last joined with; null before the first join. */
  get joinedWith(): Network | null {
    return this.#joinedWith;
  }

  get devices(): DeviceRecord[] {
    return this.#devices;
  }

  get otherDevices(): DeviceRecord[] {
    return this.#devices.filter((d) => d.id !== this.deviceId);
  }

  get thisDevice(): DeviceRecord | null {
    return this.#devices.find((d) => d.id === this.deviceId) ?? null;
  }

  /**
   * Other devices that are most likely connected right now: peers are anonymous (nothing
   * about presence is published), so these are the `peers` devices seen most recently, among
   * those seen (or added) within a stamp interval. A device just paired has not stamped yet,
   * or its stamp is still on the way: its `addedAt` stands in, so it never reads "Not seen
   * yet" while the header says "Syncing with 1 device".
   */
  get syncingNow(): Set<string> {
    const n = this.#status.peers;
    if (n === 0) return new Set();
    const since = new Date(Date.now() - SEEN_STAMP_INTERVAL_MS - RECENT_SLACK_MS).toISOString();
    const seen = (d: DeviceRecord): string => d.lastSeenAt ?? d.addedAt;
    return new Set(
      this.otherDevices
        .filter((d) => seen(d) >= since)
        .sort((a, b) => seen(b).localeCompare(seen(a)))
        .slice(0, n)
        .map((d) => d.id),
    );
  }

  get peers(): number {
    return this.#status.peers;
  }

  /**
   * Whether this device has my latest decisions: in this session its vault caught up with
   * another of my devices or my home peer (their sync answer arrived and our state vector
   * covers theirs; ../sync/catch-up.ts), and it is still connected to it. Other tabs of this
   * browser do not count. What delivery waits for (../conversation/README.md).
   */
  get caughtUp(): boolean {
    return this.#caughtUp > 0;
  }

  get offline(): boolean {
    return this.#offline;
  }

  /** One calm line: "Only on this device", "Syncing with 2 devices", "Last synced with …". */
  get summary(): string {
    if (!this.#started) return 'Starting…';
    const others = this.otherDevices;
    if (this.#status.peers > 0) {
      const n = this.#status.peers;
      return `Syncing with ${n} ${n === 1 ? 'device' : 'devices'}`;
    }
    if (others.length === 0)
      return this.#offline ? 'Only on this device · working offline' : 'Only on this device';
    const last = others
      .filter((d) => d.lastSeenAt)
      .sort((a, b) => (b.lastSeenAt ?? '').localeCompare(a.lastSeenAt ?? ''))[0];
    const lastLine = last?.lastSeenAt
      ? `Last synced with ${last.name} ${formatWhen(last.lastSeenAt)}`
      : 'Waiting for your other devices';
    return this.#offline ? `Working offline · ${lastLine}` : lastLine;
  }

  async renameThisDevice(name: string): Promise<void> {
    renameDevice(this.#doc, this.deviceId, name);
    const record = this.thisDevice;
    if (record) await this.#store.set(DEVICE_KEY.deviceName, record.name);
  }

  // ——— Pairing another device ———

  /** "Add a device": an invite this device makes and approves. */
  readonly deviceInvite = new InviteFlow('device', () => this.network, {
    payload: () => ({
      vaultSecret: encodeSecret(this.#requireSecret()),
      from: this.thisDevice?.name ?? 'your other device',
    }),
    doneMessage: (request, acknowledged) =>
      acknowledged
        ? `${request.name} is paired. Your journal will appear there in a moment.`
        : `Sent to ${request.name}. If it doesn’t show your journal soon, make a new invite.`,
    inviterName: () => this.thisDevice?.name ?? 'your other device',
  });

  /**
   * What joining would do with this device's own journal when it holds something: keep it
   * apart (the safe default) or merge it into the other device's journal.
   */
  joinChoice = $state<JoinChoice>('apart');
  /** The name this device asked to be approved under; its record takes it once paired. */
  #joinName: string | null = null;

  /** What this device's journal holds that a device join would have to merge or keep apart. */
  get holdings(): Holdings {
    return vaultHoldings(this.#doc);
  }

  /** A name for the join screen to suggest: this device's own, or a guess from the browser. */
  get suggestedName(): string {
    return this.thisDevice?.name ?? guessDeviceName(navigator.userAgent);
  }

  /** Joining the journal of a device that made an invite. */
  readonly deviceJoin = new JoinFlow('device', () => this.network, {
    name: (chosen) => {
      const name = chosen?.trim() ? cleanDeviceName(chosen) : this.suggestedName;
      this.#joinName = name;
      return name;
    },
    adopt: (payload, acknowledge) => this.#adoptVault(payload, acknowledge),
  });

  get network(): Network {
    return {
      signaling: this.signalingUrls,
      iceServers: this.iceServers,
      iceTransportPolicy: buildDefaults().iceTransportPolicy,
    };
  }

  #requireSecret(): Uint8Array {
    if (!this.#secret) throw new Error('Sync has not started');
    return this.#secret;
  }

  /**
   * Takes the granted vault secret: with nothing here yet, or when the person chose to merge,
   * this device's doc joins the granted vault's room and the two journals merge; when it holds
   * entries or contacts and the person kept them apart, they are set aside on this device
   * (keep-apart.ts) and the page reloads into the granted vault.
   */
  async #adoptVault(
    payload: unknown,
    acknowledge: () => Promise<void>,
  ): Promise<{ message: string; next: NextStep }> {
    const p = (payload ?? {}) as Record<string, unknown>;
    let secret: Uint8Array;
    try {
      secret = decodeSecret(String(p.vaultSecret));
    } catch {
      throw new Error('The other device sent something unexpected. Nothing was changed.');
    }
    const from = typeof p.from === 'string' && p.from.trim() ? p.from.slice(0, 60) : null;
    const pairedWith = from ?? 'your other device';
    const next = { label: 'Open your journal', href: href.journal };
    const name = this.#joinName;
    const holdings = vaultHoldings(this.#doc);
    if (this.joinChoice === 'apart' && holdsAnything(holdings)) {
      // The record in the granted vault is made after the reload, from the stored name.
      if (name) await this.#store.set(DEVICE_KEY.deviceName, name);
      const before = location.hash;
      // The reload opens the journal, not this invite's join screen again.
      history.replaceState(history.state, '', href.journal);
      try {
        await adoptVaultApart(this.#store, this.#doc, secret, pairedWith, {
          // Switched and stored: now the other device may hear it was taken, before the
          // reload cuts the pair room off.
          reload: () => void acknowledge().finally(() => location.reload()),
        });
      } catch (err) {
        history.replaceState(history.state, '', before);
        throw err;
      }
      return { message: `Paired with ${pairedWith}. Opening your journal…`, next };
    }
    await this.#store.set(DEVICE_KEY.vaultSecret, secret);
    this.#secret = secret;
    if (name) {
      registerDevice(this.#doc, this.deviceId, name);
      await this.#store.set(DEVICE_KEY.deviceName, name);
    }
    await this.#joinVaultRoom();
    return {
      message: holdsAnything(holdings)
        ? `Paired with ${pairedWith}. Your entries from both devices will come together here.`
        : `Paired with ${pairedWith}. Your journal will appear here in a moment.`,
      next,
    };
  }

  destroy(): void {
    window.removeEventListener('offline', this.#onBrowserOffline);
    window.removeEventListener('online', this.#onBrowserOnline);
    this.#stopReactions();
    clearInterval(this.#stampTimer);
    clearTimeout(this.#offlineTimer);
    clearTimeout(this.#rejoinTimer);
    this.#room?.destroy();
    this.deviceInvite.cancel();
  }
}
