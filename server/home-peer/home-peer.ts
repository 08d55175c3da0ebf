/**
 * The home peer: a device of one person that never sleeps. It holds the vault and every
 * conversation of that person in its store and sits in their rooms, so that two devices (or
 * two people) who are never online at the same time still meet — each meets the home peer.
 *
 *   vault room ── the person's devices ◀──▶ home peer ◀──▶ a contact's devices ── conv room
 *                                               │
 *                                         DocStore (SQLite)
 *
 * It reads only what it needs to serve: the contacts (which conversation rooms to join), the
 * network settings (which servers the devices use), and its own entry in `devices`, which it
 * writes like any device does (kind `home-peer`, `lastSeenAt` stamped on meeting a device and
 * every SEEN_STAMP_INTERVAL_MS while connected). It writes nothing else.
 *
 * Memory: every served document is loaded (a room can only be answered from a loaded doc), so
 * memory is the sum of the documents' Yjs structures plus a WebRTC connection per peer per
 * room. It is bounded by `maxRooms` (vault + conversations) and MAX_PEERS_PER_ROOM; stored
 * rows are never held in memory (see persisted-doc.ts).
 */
import { decodeSecret, docId } from '../../src/lib/keys';
import type { PeerRoomStatus } from '../../src/lib/sync/peer-room';
import { contactNetwork } from '../../src/lib/sync/relay-policy';
import {
  contactsOf,
  deletedConversations,
  listContacts,
  readContactsViaRelay,
  readNetwork,
  registerDevice,
  settingsOf,
  stampSeen,
  SEEN_STAMP_INTERVAL_MS,
} from '../../src/lib/vault';
import { formatBytes } from '../../src/lib/util/format';
import { CONVERSATION_BUDGET_BYTES } from '../../src/lib/sync/room-budget';
import type { DocStore } from './doc-store';
import type { HomeIdentity } from './identity';
import { docLabel, errorKind, rssMegabytes, type HomeLog } from './log';
import { PersistedDoc } from './persisted-doc';
import { MAX_PEERS_PER_ROOM, ServedDoc, type Network } from './served-doc';

export interface HomePeerOptions {
  store: DocStore;
  identity: HomeIdentity;
  /** Servers from the command line, environment or `device.json`. */
  network: Network;
  /** Extra simple-peer options: `{ wrtc }` in Node. */
  peerOpts: Record<string, unknown>;
  log: HomeLog;
  /** Rooms joined at most, the vault's included. */
  maxRooms: number;
  /** A status line this often; 0: never. */
  statusIntervalMs: number;
  /** The most one conversation may keep (CONVERSATION_BUDGET_BYTES; tests set less). */
  conversationBudgetBytes?: number;
}

export interface HomePeerStatus {
  docs: number;
  peers: number;
  storedBytes: number;
  rssMb: number;
}

const unique = <T>(items: T[]): T[] => {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

export class HomePeer {
  readonly #options: HomePeerOptions;
  readonly #vault: ServedDoc;
  /** Conversations being served, by doc name. */
  readonly #conversations = new Map<string, ServedDoc>();
  #networkKey = '';
  #stampTimer: ReturnType<typeof setInterval> | undefined;
  #statusTimer: ReturnType<typeof setInterval> | undefined;
  #reconciling: Promise<void> | null = null;
  #reconcileAgain = false;
  #overLimitLogged = -1;
  /** Conversations found past their budget when stored: not loaded, said once each. */
  readonly #overBudget = new Set<string>();
  /** Signaling connections up, as last logged (every room shares them: read from the vault's). */
  #signalingLogged = -1;
  #stopped = false;

  private constructor(options: HomePeerOptions, vault: PersistedDoc) {
    this.#options = options;
    this.#vault = this.#serve(vault, options.identity.vaultSecret, 'vault', this.#onVaultStatus);
  }

  /** Loads the vault and every conversation from the store and joins their rooms. */
  static async start(options: HomePeerOptions): Promise<HomePeer> {
    const started = performance.now();
    const { store, identity, log } = options;
    const vault = openLogged(store, await docId(identity.vaultSecret, 'vault'), log);
    const peer = new HomePeer(options, vault);
    registerDevice(vault.doc, identity.deviceId, identity.deviceName, 'home-peer');
    peer.#networkKey = peer.#networkChoice;
    settingsOf(vault.doc).observe(peer.#onSettings);
    contactsOf(vault.doc).observeDeep(peer.#onContacts);
    await peer.#reconcile();
    await peer.#vault.join();
    if (options.statusIntervalMs > 0) {
      peer.#statusTimer = setInterval(() => peer.#logStatus(), options.statusIntervalMs);
    }
    const status = peer.status;
    const conversations = peer.#conversations.size;
    log(
      `ready: vault and ${conversations} ${conversations === 1 ? 'conversation' : 'conversations'}, ` +
        `${formatBytes(status.storedBytes)} stored, loaded in ${Math.round(performance.now() - started)} ms, ` +
        `rss ${status.rssMb} MB`,
    );
    return peer;
  }

  /** The servers to use: those configured here and those the person set in the app. */
  get network(): Network {
    const configured = this.#options.network;
    const chosen = readNetwork(this.#vault.persisted.doc);
    return {
      signaling: unique([...configured.signaling, ...chosen.signaling]),
      iceServers: unique([...configured.iceServers, ...chosen.iceServers]),
      iceTransportPolicy: configured.iceTransportPolicy,
    };
  }

  get status(): HomePeerStatus {
    const served = [this.#vault, ...this.#conversations.values()];
    return {
      docs: served.length,
      peers: served.reduce((n, d) => n + d.peers, 0),
      storedBytes: served.reduce(
        (n, d) => n + this.#options.store.stats(d.persisted.name).bytes,
        0,
      ),
      rssMb: rssMegabytes(),
    };
  }

  #serve(
    persisted: PersistedDoc,
    secret: Uint8Array,
    kind: 'vault' | 'conv',
    onStatus?: (status: PeerRoomStatus) => void,
  ): ServedDoc {
    const budgetBytes =
      kind === 'conv'
        ? (this.#options.conversationBudgetBytes ?? CONVERSATION_BUDGET_BYTES)
        : undefined;
    const { log, peerOpts } = this.#options;
    const label = docLabel(persisted.name);
    persisted.on('compacted', ({ bytes, rowsReplaced }) =>
      log(`${label}: compacted ${rowsReplaced} rows into ${formatBytes(bytes)}`),
    );
    persisted.on('compact-failed', (err) =>
      log(`${label}: compaction failed (${errorKind(err)}); rows kept, will retry`),
    );
    return new ServedDoc({
      label,
      persisted,
      secret,
      kind,
      // Conversation rooms honour "reach contacts only through a relay", as in the app.
      network: () =>
        kind === 'conv'
          ? contactNetwork(this.network, readContactsViaRelay(this.#vault.persisted.doc))
          : this.network,
      peerOpts,
      maxPeers: MAX_PEERS_PER_ROOM,
      log,
      onStatus,
      budgetBytes,
    });
  }

  /** Whether conversation `name` is stored past its budget (then it is not even loaded). */
  #storedOverBudget(name: string): boolean {
    const budget = this.#options.conversationBudgetBytes ?? CONVERSATION_BUDGET_BYTES;
    const { bytes } = this.#options.store.stats(name);
    if (bytes < budget) return false;
    if (!this.#overBudget.has(name)) {
      this.#overBudget.add(name);
      this.#options.log(
        `${docLabel(name)}: ${formatBytes(bytes)} stored, more than a conversation may keep ` +
          `(${formatBytes(budget)}); not loaded, not served (what is stored stays)`,
      );
    }
    return true;
  }

  #onVaultStatus = (status: PeerRoomStatus): void => {
    if (status.signalingConnected !== this.#signalingLogged) {
      const lost = status.signalingConnected < this.#signalingLogged;
      this.#signalingLogged = status.signalingConnected;
      this.#options.log(
        `signaling: ${status.signalingConnected} of ${status.signalingTotal} connected${lost ? ' (reconnecting)' : ''}`,
      );
    }
    this.#stampSeen(status);
  };

  /** As a browser does (state/sync.svelte.ts): stamp on meeting a device, then now and then. */
  #stampSeen(status: PeerRoomStatus): void {
    const { identity } = this.#options;
    const doc = this.#vault?.persisted.doc;
    if (!doc) return;
    if (status.peers > 0 && this.#stampTimer === undefined) {
      stampSeen(doc, identity.deviceId, undefined, true);
      this.#stampTimer = setInterval(
        () => stampSeen(doc, identity.deviceId),
        SEEN_STAMP_INTERVAL_MS,
      );
    } else if (status.peers === 0 && this.#stampTimer !== undefined) {
      clearInterval(this.#stampTimer);
      this.#stampTimer = undefined;
    }
  }

  /** What a change of settings must rejoin for: the servers, and relay-only for contacts. */
  get #networkChoice(): string {
    return JSON.stringify([this.network, readContactsViaRelay(this.#vault.persisted.doc)]);
  }

  #onSettings = (): void => {
    const key = this.#networkChoice;
    if (key === this.#networkKey || this.#stopped) return;
    this.#networkKey = key;
    const n = this.network;
    this.#options.log(
      `network changed: ${n.signaling.length} signaling, ${n.iceServers.length} ICE servers; rejoining`,
    );
    for (const served of [this.#vault, ...this.#conversations.values()]) void served.rejoin();
  };

  #onContacts = (): void => {
    void this.#reconcile();
  };

  /** Serves exactly the conversations of the vault's current contacts (one pass at a time). */
  #reconcile(): Promise<void> {
    if (this.#reconciling) {
      this.#reconcileAgain = true;
      return this.#reconciling;
    }
    this.#reconciling = (async () => {
      do {
        this.#reconcileAgain = false;
        await this.#reconcileOnce();
      } while (this.#reconcileAgain && !this.#stopped);
    })().finally(() => {
      this.#reconciling = null;
    });
    return this.#reconciling;
  }

  async #reconcileOnce(): Promise<void> {
    const { store, log, maxRooms } = this.#options;
    const wanted = new Map<string, Uint8Array>();
    // Oldest first, so a conversation keeps its place when contacts are added.
    const contacts = listContacts(this.#vault.persisted.doc).sort(
      (a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id),
    );
    let unreadable = 0;
    for (const contact of contacts) {
      let secret: Uint8Array;
      try {
        secret = decodeSecret(contact.conversationSecret);
      } catch {
        unreadable += 1;
        continue;
      }
      wanted.set(await docId(secret, 'conv'), secret);
    }
    if (unreadable) log(`contacts: ${unreadable} with an unreadable conversation secret, skipped`);
    const allowed = Math.max(0, maxRooms - 1);
    if (wanted.size > allowed && this.#overLimitLogged !== wanted.size) {
      this.#overLimitLogged = wanted.size;
      log(
        `contacts: ${wanted.size} conversations, serving the ${allowed} oldest (MULL_HOME_MAX_ROOMS=${maxRooms})`,
      );
    }
    const serve = new Map([...wanted].slice(0, allowed));

    // Conversations the person chose to delete from their devices: this one too.
    const deleted = new Set<string>();
    for (const contact of deletedConversations(this.#vault.persisted.doc)) {
      try {
        deleted.add(await docId(decodeSecret(contact.conversationSecret), 'conv'));
      } catch {
        // unreadable secret: nothing of it was ever stored here
      }
    }
    for (const [name, served] of this.#conversations) {
      if (serve.has(name)) continue;
      this.#conversations.delete(name);
      await served.destroy();
      log(
        deleted.has(name)
          ? `${served.label}: contact removed; left the room`
          : `${served.label}: contact removed; left the room (its data stays on disk)`,
      );
    }
    for (const name of deleted) {
      if (serve.has(name) || this.#conversations.has(name) || store.stats(name).rows === 0)
        continue;
      store.deleteDoc(name);
      log(`${docLabel(name)}: deleted, as the person chose`);
    }
    // Joined side by side: each join derives its room key with PBKDF2 (y-webrtc), which runs
    // off the main thread, so twenty conversations cost little more than one.
    const joining: Promise<void>[] = [];
    for (const [name, secret] of serve) {
      if (this.#conversations.has(name) || this.#stopped) continue;
      if (this.#storedOverBudget(name)) continue;
      const served = this.#serve(openLogged(store, name, log), secret, 'conv');
      this.#conversations.set(name, served);
      joining.push(served.join());
    }
    await Promise.all(joining);
  }

  #logStatus(): void {
    const s = this.status;
    this.#options.log(
      `status: ${s.docs} docs, ${s.peers} peers, ${formatBytes(s.storedBytes)} stored, rss ${s.rssMb} MB`,
    );
  }

  /** Leaves every room and stops storing. Everything already stored stays. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#stampTimer);
    clearInterval(this.#statusTimer);
    const vaultDoc = this.#vault.persisted.doc;
    settingsOf(vaultDoc).unobserve(this.#onSettings);
    contactsOf(vaultDoc).unobserveDeep(this.#onContacts);
    await this.#reconciling;
    await Promise.all([...this.#conversations.values()].map((served) => served.destroy()));
    this.#conversations.clear();
    await this.#vault.destroy();
  }
}

function openLogged(store: DocStore, name: string, log: HomeLog): PersistedDoc {
  const started = performance.now();
  const label = docLabel(name);
  const persisted = PersistedDoc.open(store, name, (row) =>
    log(
      `${label}: stored row ${row.id} unreadable (${row.reason}, ${formatBytes(row.bytes)}); kept aside in the quarantine table`,
    ),
  );
  const { rows, bytes } = persisted.loaded;
  log(
    `${label}: loaded ${formatBytes(bytes)} in ${rows} ${rows === 1 ? 'row' : 'rows'} (${Math.round(performance.now() - started)} ms)`,
  );
  return persisted;
}
