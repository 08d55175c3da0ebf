/**
 * Signaling load (issue 7): N WebSocket clients in R rooms, each publishing a small frame
 * `rate` times a second for D seconds, against Mull's signaling server on loopback.
 *
 *   npx tsx bench/signaling-load.ts                      2000 clients, 500 rooms, 60 s
 *   npx tsx bench/signaling-load.ts --clients 200 --seconds 5
 *   npx tsx bench/signaling-load.ts --url ws://127.0.0.1:4444/signal
 *
 * Options (or SIGNAL_BENCH_<NAME> variables): --clients, --rooms (default clients / 4),
 * --seconds, --rate (frames per client per second), --payload (bytes of data per frame),
 * --server child|in-process|<ws url> (--url <ws url> and --in-process are short for it).
 *
 * By default the server runs as a child process (`dist-server/signal-main.js`, built from
 * `server/signal-main.ts` and run by node as `npm run signal` runs it), so its peak RSS is
 * its own (read from /proc) and it does not share a CPU with the 2,000 clients; `in-process`
 * runs it here instead (then the RSS figure includes the clients). Latency is measured by the
 * clients, on this process's clock: publish → delivery to each other member of the room.
 *
 * Bounded: at most 10,000 clients and 600 s; loopback addresses only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { WebSocket } from 'ws';
import { attachSignaling } from '../server/signaling/attach';
import { DEFAULT_SIGNAL_CONFIG } from '../server/signaling/config';
import { builtServerEntry } from './built-server';

export interface SignalingBenchOptions {
  clients: number;
  rooms: number;
  seconds: number;
  /** Frames each client publishes per second. */
  rate: number;
  /** Bytes of filler in each frame's data (y-webrtc frames are base64 ciphertext, ~0.2–2 KB). */
  payload: number;
  /** 'child' (default), 'in-process', or the ws:// URL of a running server on loopback. */
  server: string;
  /** Progress lines; silent when not given. */
  log?: (line: string) => void;
}

export const DEFAULT_BENCH_OPTIONS: Readonly<SignalingBenchOptions> = {
  clients: 2000,
  rooms: 500,
  seconds: 60,
  rate: 2,
  payload: 300,
  server: 'child',
};

const MAX_CLIENTS = 10_000;
const MAX_SECONDS = 600;
/** Connections opened at once while ramping up. */
const CONNECT_CONCURRENCY = 100;
/** How long to wait after the last publish for frames still in flight. */
const DRAIN_MS = 1000;
/** Latency histogram: 0.05 ms buckets up to 10 s; slower deliveries land in the last one. */
const BUCKET_MS = 0.05;
const BUCKETS = 200_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

interface RunningServer {
  url: string;
  /** Peak resident memory of the server so far, in bytes (null when it cannot be read). */
  peakRss(): Promise<number | null>;
  /** Resident memory of the server now, in bytes. */
  rss(): Promise<number | null>;
  /** CPU seconds the server process has used (null when it is not a child of this one). */
  cpuSeconds(): number | null;
  relayedTotal(): Promise<number | null>;
  stop(): Promise<void>;
}

/** Most files this process may open (Linux); Infinity when unknown. */
function openFileLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft && /^\d+$/.test(soft) ? Number(soft) : Infinity;
  } catch {
    return Infinity;
  }
}

function metricValue(text: string, name: string): number | null {
  const match = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : null;
}

async function fetchMetrics(wsUrl: string): Promise<string | null> {
  const url = new URL(wsUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = '/metrics';
  url.search = '';
  try {
    const res = await fetch(url);
    return res.ok ? await res.text() : null;
  } catch {
    return null;
  }
}

/** Server limits that let the benchmark's clients in, all from one address. */
function benchLimits(opts: SignalingBenchOptions): Record<string, string> {
  return {
    SIGNAL_MAX_CONNS_PER_IP: String(opts.clients + 10),
    SIGNAL_MAX_CONNS: String(opts.clients + 10),
    SIGNAL_MAX_MSGS_PER_SEC: String(Math.max(DEFAULT_SIGNAL_CONFIG.maxMsgsPerSec, opts.rate * 4)),
  };
}

async function startChildServer(opts: SignalingBenchOptions): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, [builtServerEntry('signal-main.js')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...benchLimits(opts) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const match = /ws:\/\/localhost:(\d+)(\/signal)/.exec(out);
      if (match) {
        // Keep draining its log (a line per connect), but stop collecting it.
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(`ws://127.0.0.1:${match[1]}${match[2]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`signaling server exited with ${code}`)));
  });
  let sampledPeak = 0;
  return {
    url,
    peakRss: async () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
        if (kib) return Number(kib) * 1024;
      } catch {
        // not Linux: fall back to what /metrics says now
      }
      const rss = metricValue((await fetchMetrics(url)) ?? '', 'process_resident_memory_bytes');
      sampledPeak = Math.max(sampledPeak, rss ?? 0);
      return sampledPeak || null;
    },
    rss: async () => metricValue((await fetchMetrics(url)) ?? '', 'process_resident_memory_bytes'),
    cpuSeconds: () => {
      try {
        // utime and stime, fields 14 and 15, in clock ticks (100 a second on Linux).
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return (Number(fields[11]) + Number(fields[12])) / 100;
      } catch {
        return null;
      }
    },
    relayedTotal: async () =>
      metricValue((await fetchMetrics(url)) ?? '', 'mull_signal_messages_relayed_total'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

async function startInProcessServer(opts: SignalingBenchOptions): Promise<RunningServer> {
  const limits = benchLimits(opts);
  const server = createServer((_req, res) => {
    res.writeHead(404);
    res.end();
  });
  const signaling = attachSignaling(server, {
    config: {
      ...DEFAULT_SIGNAL_CONFIG,
      maxConnsPerIp: Number(limits.SIGNAL_MAX_CONNS_PER_IP),
      maxConns: Number(limits.SIGNAL_MAX_CONNS),
      maxMsgsPerSec: Number(limits.SIGNAL_MAX_MSGS_PER_SEC),
    },
    log: () => {},
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/signal`,
    // The whole process: clients included.
    peakRss: () => Promise.resolve(process.resourceUsage().maxRSS * 1024),
    rss: () => Promise.resolve(process.memoryUsage.rss()),
    cpuSeconds: () => null,
    relayedTotal: () => Promise.resolve(signaling.metrics.messagesRelayed),
    stop: async () => {
      await signaling.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function attachToUrl(url: string): Promise<RunningServer> {
  let peak = 0;
  const sample = async (): Promise<number | null> => {
    const rss = metricValue((await fetchMetrics(url)) ?? '', 'process_resident_memory_bytes');
    if (rss !== null) peak = Math.max(peak, rss);
    return rss === null ? null : peak;
  };
  return {
    url,
    peakRss: sample,
    rss: async () => metricValue((await fetchMetrics(url)) ?? '', 'process_resident_memory_bytes'),
    cpuSeconds: () => null,
    relayedTotal: async () =>
      metricValue((await fetchMetrics(url)) ?? '', 'mull_signal_messages_relayed_total'),
    stop: () => Promise.resolve(),
  };
}

function checkOptions(opts: SignalingBenchOptions): void {
  for (const key of ['clients', 'rooms', 'seconds', 'rate', 'payload'] as const) {
    if (!Number.isFinite(opts[key]) || opts[key] < (key === 'payload' ? 0 : 1)) {
      throw new Error(`--${key} must be a positive number, got ${opts[key]}`);
    }
  }
  if (opts.clients > MAX_CLIENTS) throw new Error(`--clients is capped at ${MAX_CLIENTS}`);
  if (opts.seconds > MAX_SECONDS) throw new Error(`--seconds is capped at ${MAX_SECONDS}`);
  if (opts.rooms > opts.clients) throw new Error('--rooms cannot exceed --clients');
  if (!['child', 'in-process'].includes(opts.server)) {
    const url = new URL(opts.server);
    if (!/^wss?:$/.test(url.protocol) || !LOOPBACK.has(url.hostname)) {
      throw new Error(`--server must be child, in-process or a ws:// URL on loopback`);
    }
  }
  // Each client holds a socket here; in-process, the server holds one more for each.
  const needed = opts.clients * (opts.server === 'in-process' ? 2 : 1) + 100;
  if (needed > openFileLimit()) {
    throw new Error(
      `${opts.clients} clients need about ${needed} open files but the limit is ` +
        `${openFileLimit()}: raise it (ulimit -n) or use fewer --clients`,
    );
  }
}

/** Percentile of the histogram, in ms. */
function percentile(histogram: Uint32Array, count: number, p: number): number {
  if (count === 0) return NaN;
  const rank = Math.ceil((p / 100) * count);
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen >= rank) return (i + 1) * BUCKET_MS;
  }
  return BUCKETS * BUCKET_MS;
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export async function benchSignaling(
  options: Partial<SignalingBenchOptions> = {},
): Promise<Record<string, number>> {
  const opts: SignalingBenchOptions = {
    ...DEFAULT_BENCH_OPTIONS,
    // Four clients a room unless told otherwise, as 2,000 in 500.
    rooms: Math.max(1, Math.round((options.clients ?? DEFAULT_BENCH_OPTIONS.clients) / 4)),
    ...options,
  };
  checkOptions(opts);
  const log = opts.log ?? (() => {});
  const server =
    opts.server === 'child'
      ? await startChildServer(opts)
      : opts.server === 'in-process'
        ? await startInProcessServer(opts)
        : await attachToUrl(opts.server);

  const histogram = new Uint32Array(BUCKETS);
  let latencyCount = 0;
  let maxLatencyMs = 0;
  let published = 0;
  let received = 0;
  let expected = 0;
  let errors = 0;
  let running = false;
  const sockets: WebSocket[] = [];
  const roomSize = new Array<number>(opts.rooms).fill(0);
  const filler = 'x'.repeat(opts.payload);

  try {
    const rssAtStart = await server.rss();
    log(`connecting ${opts.clients} clients to ${server.url} …`);
    const connect = (index: number): Promise<void> =>
      new Promise((resolve) => {
        const ws = new WebSocket(server.url);
        const room = `bench-room-${index % opts.rooms}`;
        let ready = false;
        ws.on('open', () => {
          ws.send(JSON.stringify({ type: 'subscribe', topics: [room] }));
          ws.send(JSON.stringify({ type: 'ping' }));
        });
        ws.on('message', (data: Buffer) => {
          const message = JSON.parse(data.toString()) as {
            type: string;
            data?: { from: number; sentAt: number };
          };
          if (message.type === 'pong' && !ready) {
            ready = true;
            sockets[index] = ws;
            roomSize[index % opts.rooms]! += 1;
            resolve();
            return;
          }
          if (message.type !== 'publish' || !message.data) return;
          received += 1;
          if (message.data.from === index) return; // the server's echo to the publisher
          const latencyMs = performance.now() - message.data.sentAt;
          histogram[Math.min(BUCKETS - 1, Math.floor(latencyMs / BUCKET_MS))]! += 1;
          latencyCount += 1;
          if (latencyMs > maxLatencyMs) maxLatencyMs = latencyMs;
        });
        ws.on('error', () => {
          errors += 1;
          if (!ready) resolve();
        });
        ws.on('close', () => {
          if (running) errors += 1;
          if (!ready) resolve();
        });
      });
    for (let next = 0; next < opts.clients; next += CONNECT_CONCURRENCY) {
      const batch = Array.from(
        { length: Math.min(CONNECT_CONCURRENCY, opts.clients - next) },
        (_, i) => connect(next + i),
      );
      await Promise.all(batch);
    }
    const connected = sockets.filter(Boolean).length;
    log(`${connected} connected (${errors} failed); publishing for ${opts.seconds} s …`);

    const relayedBefore = (await server.relayedTotal()) ?? 0;
    const serverCpuBefore = server.cpuSeconds();
    const clientCpuBefore = process.cpuUsage();
    // The clients share this process: if its event loop lags, latency is theirs, not the server's.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    running = true;
    const intervalMs = 1000 / opts.rate;
    const timers: NodeJS.Timeout[] = [];
    const startedAt = performance.now();
    sockets.forEach((ws, index) => {
      if (!ws) return;
      const members = roomSize[index % opts.rooms]!;
      const publish = (): void => {
        if (ws.readyState !== WebSocket.OPEN) return;
        const frame = {
          type: 'publish',
          topic: `bench-room-${index % opts.rooms}`,
          data: { from: index, sentAt: performance.now(), filler },
        };
        ws.send(JSON.stringify(frame));
        published += 1;
        expected += members; // every member, the publisher's echo included
      };
      // Spread the clients over the interval so the load is even, not a tick every second.
      const start = setTimeout(() => {
        publish();
        timers.push(setInterval(publish, intervalMs));
      }, Math.random() * intervalMs);
      timers.push(start);
    });
    const peakSampler = setInterval(() => void server.peakRss(), 1000);
    await new Promise((resolve) => setTimeout(resolve, opts.seconds * 1000));
    for (const timer of timers) clearTimeout(timer);
    const publishSeconds = (performance.now() - startedAt) / 1000;
    loopDelay.disable();
    const serverCpuAfter = server.cpuSeconds();
    const clientCpu = process.cpuUsage(clientCpuBefore);
    await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
    running = false;
    clearInterval(peakSampler);
    const relayedAfter = await server.relayedTotal();
    const peakRss = await server.peakRss();

    const results: Record<string, number> = {
      signal_clients: connected,
      signal_rooms: opts.rooms,
      signal_seconds: round(publishSeconds, 1),
      signal_publishes_per_sec: round(published / publishSeconds, 0),
      signal_relayed_per_sec: round(received / publishSeconds, 0),
      signal_latency_p50_ms: round(percentile(histogram, latencyCount, 50)),
      signal_latency_p99_ms: round(percentile(histogram, latencyCount, 99)),
      signal_latency_max_ms: round(maxLatencyMs),
      signal_lost_deliveries: Math.max(0, expected - received),
      signal_errors: errors + (opts.clients - connected),
    };
    results.signal_client_loop_delay_p99_ms = round(loopDelay.percentile(99) / 1e6);
    results.signal_client_cpu_pct = round(
      ((clientCpu.user + clientCpu.system) / 1e6 / publishSeconds) * 100,
      0,
    );
    if (serverCpuBefore !== null && serverCpuAfter !== null) {
      results.signal_server_cpu_pct = round(
        ((serverCpuAfter - serverCpuBefore) / publishSeconds) * 100,
        0,
      );
    }
    if (relayedAfter !== null) {
      results.signal_server_relayed_per_sec = round(
        (relayedAfter - relayedBefore) / publishSeconds,
        0,
      );
    }
    const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1);
    if (rssAtStart !== null) results.signal_server_rss_start_mb = mb(rssAtStart);
    if (peakRss !== null) results.signal_server_peak_rss_mb = mb(peakRss);
    return results;
  } finally {
    running = false;
    for (const ws of sockets) ws?.terminate();
    await server.stop();
  }
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Partial<SignalingBenchOptions> {
  const options: Partial<SignalingBenchOptions> = {};
  const numeric = ['clients', 'rooms', 'seconds', 'rate', 'payload'] as const;
  for (const key of [...numeric, 'server'] as const) {
    const fromEnv = env[`SIGNAL_BENCH_${key.toUpperCase()}`];
    if (fromEnv) (options as Record<string, unknown>)[key] = fromEnv;
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--in-process') options.server = 'in-process';
    else if (arg === '--url') options.server = argv[++i];
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (![...numeric, 'server'].includes(name as (typeof numeric)[number])) {
        throw new Error(`unknown option ${arg}`);
      }
      (options as Record<string, unknown>)[name] = inline ?? argv[++i];
    } else throw new Error(`unexpected argument ${arg}`);
  }
  for (const key of numeric) {
    if (options[key] !== undefined) options[key] = Number(options[key]);
  }
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = parseArgs(process.argv.slice(2), process.env);
  benchSignaling({ ...options, log: (line) => console.error(line) })
    .then((results) => {
      const width = Math.max(...Object.keys(results).map((k) => k.length));
      for (const [key, value] of Object.entries(results))
        console.log(`${key.padEnd(width)}  ${value}`);
      console.log(JSON.stringify(results));
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
