/**
 * The home peer under a realistic load (issue 8): a vault of ten years of typed entries
 * (3,650 entries and 3,650 check-ins, bench/synthetic-vault.ts) and 20 conversations of 300
 * messages each, stored as a home peer that has run for a while stores them (one compacted
 * snapshot per document). Measured on the real CLI, in a process of its own, against a local
 * signaling server:
 *
 *   home_peer_start_ms      spawn of `node dist-server/home-peer/main.js --data …` (as a service
 *                           runs it) until it logs `ready:` — every document loaded, every room
 *                           joined (median)
 *   home_peer_rss_mb        its resident memory (VmRSS) SETTLE_MS after `ready` (median): what
 *                           the machine must have; it includes what loading needed
 *   home_peer_rss_idle_mb   the same HOLD_MS after `ready` (last run): V8's memory reducer may
 *                           have given the loading peak back by then (it did ~30 s in, not always)
 *   home_peer_load_ms       the part of the start spent loading the store, as it reports it
 *   home_peer_store_mb      the size of the SQLite file
 *
 *   npx tsx bench/home-peer.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { writeMessage } from '../src/lib/conversation';
import { createSecret, docId, encodeSecret } from '../src/lib/keys';
import { addContact } from '../src/lib/vault';
import { DocStore, STORE_FILE } from '../server/home-peer/doc-store';
import { builtServerEntry } from './built-server';
import { writeIdentity } from '../server/home-peer/identity';
import { attachSignaling } from '../server/signaling/attach';
import { generateSyntheticVault } from './synthetic-vault';

export const CONVERSATIONS = 20;
export const MESSAGES_PER_CONVERSATION = 300;
/** Starts measured; the median is reported. */
export const RUNS = 3;
/** Idle time after `ready` before the start-up memory is read. */
export const SETTLE_MS = 3000;
/** How long the last run is kept idle before its memory is read again. */
export const HOLD_MS = 40_000;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface HomePeerBenchFigures {
  home_peer_start_ms: number;
  home_peer_rss_mb: number;
  home_peer_rss_idle_mb: number;
  home_peer_load_ms: number;
  home_peer_store_mb: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

/** A data directory as a paired home peer leaves it, holding the whole load. */
export async function seedLoad(dataDir: string, signalUrl: string): Promise<void> {
  const vaultSecret = createSecret();
  const vault = generateSyntheticVault();
  const store = DocStore.open(join(dataDir, STORE_FILE));
  try {
    const prng = { state: 7 };
    const word = (): string => {
      prng.state = (prng.state * 1103515245 + 12345) % 2 ** 31;
      return ['soon', 'thank you', 'tea', 'the walk', 'Sunday', 'later', 'yes', 'the book'][
        prng.state % 8
      ] as string;
    };
    for (let c = 0; c < CONVERSATIONS; c++) {
      const secret = createSecret();
      addContact(vault, {
        name: `Contact ${c}`,
        conversationSecret: encodeSecret(secret),
        theirMemberId: `member-${c}`,
      });
      const conversation = new Y.Doc();
      for (let m = 0; m < MESSAGES_PER_CONVERSATION; m++) {
        const text = Array.from({ length: 30 }, word).join(' ');
        writeMessage(conversation, {
          id: `c${c}-m${m}`,
          from: m % 2 ? `member-${c}` : 'me',
          text,
          sentAt: new Date(Date.UTC(2025, 0, 1) + m * 3_600_000).toISOString(),
        });
      }
      store.compact(await docId(secret, 'conv'), Y.encodeStateAsUpdate(conversation));
    }
    store.compact(await docId(vaultSecret, 'vault'), Y.encodeStateAsUpdate(vault));
  } finally {
    store.close();
  }
  writeIdentity(dataDir, {
    vaultSecret,
    deviceId: 'bench-home-peer',
    deviceName: 'Home peer (bench)',
    pairedAt: new Date().toISOString(),
    signaling: [signalUrl],
    iceServers: [],
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

interface StartFigures {
  startMs: number;
  loadMs: number;
  /** SETTLE_MS after ready. */
  startRssMb: number;
  /** `holdMs` after ready, when asked for. */
  heldRssMb: number | null;
}

/** One start: spawn → `ready:`, then memory after settling (and after `holdMs`, if given). */
function startOnce(dataDir: string, holdMs = 0): Promise<StartFigures> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [builtServerEntry('home-peer/main.js'), '--data', dataDir],
    {
      cwd: ROOT,
      env: { ...process.env, MULL_HOME_STATUS_SECONDS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (why: string): void => {
      child.kill('SIGKILL');
      reject(new Error(`home peer ${why}: ${output.slice(-800)}`));
    };
    const timer = setTimeout(() => fail('not ready in 60 s'), 60_000);
    child.once('exit', (code) => fail(`exited (${code})`));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready: .* loaded in (\d+) ms/.exec(output);
      if (!ready) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      const startMs = Math.round(performance.now() - started);
      const pid = child.pid as number;
      const figures: StartFigures = {
        startMs,
        loadMs: Number(ready[1]),
        startRssMb: NaN,
        heldRssMb: null,
      };
      const stop = (): void => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve(figures));
        child.kill('SIGTERM');
      };
      setTimeout(() => {
        figures.startRssMb = rssMb(pid);
        if (holdMs <= SETTLE_MS) return stop();
        setTimeout(() => {
          figures.heldRssMb = rssMb(pid);
          stop();
        }, holdMs - SETTLE_MS);
      }, SETTLE_MS);
    });
  });
}

export async function benchHomePeer(
  options: { log?(line: string): void } = {},
): Promise<HomePeerBenchFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = mkdtempSync(join(tmpdir(), 'mull-bench-home-'));
  const server = createServer((_req, res) => res.writeHead(404).end());
  const signaling = attachSignaling(server, { log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const signalUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/signal`;
  try {
    log(`home peer: storing 3,650 entries and ${CONVERSATIONS} conversations`);
    await seedLoad(dataDir, signalUrl);
    const storeMb = statSync(join(dataDir, STORE_FILE)).size / 1024 / 1024;
    const runs: StartFigures[] = [];
    for (let i = 0; i < RUNS; i++) {
      const last = i === RUNS - 1;
      const run = await startOnce(dataDir, last ? HOLD_MS : 0);
      log(
        `home peer: start ${run.startMs} ms (load ${run.loadMs} ms), rss ${run.startRssMb} MB` +
          (run.heldRssMb === null ? '' : `, ${run.heldRssMb} MB after ${HOLD_MS / 1000} s`),
      );
      runs.push(run);
    }
    return {
      home_peer_start_ms: median(runs.map((r) => r.startMs)),
      home_peer_rss_mb: median(runs.map((r) => r.startRssMb)),
      home_peer_rss_idle_mb: runs[runs.length - 1]?.heldRssMb ?? NaN,
      home_peer_load_ms: median(runs.map((r) => r.loadMs)),
      home_peer_store_mb: Math.round(storeMb * 10) / 10,
    };
  } finally {
    await signaling.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchHomePeer();
  console.table(figures);
}
