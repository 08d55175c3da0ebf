/**
 * What both entry points (main.ts, signal-main.ts) do around their server: read where to
 * listen and the signaling settings from the environment, refusing a wrong value with a
 * message and exit code 1, and stop cleanly on SIGINT or SIGTERM.
 */
import type { Server } from 'node:http';
import type { SignalBus } from './signaling/bus';
import { parseSignalConfig, SignalConfigError, type SignalConfig } from './signaling/config';
import { RedisUrlError, signalBusFromEnv } from './signaling/redis-bus';

/** Long enough for signaling clients to get their 1001 and answer it; never a hang. */
export const SHUTDOWN_GRACE_MS = 2000;

export interface ServerEnv {
  port: number;
  host: string;
  signalConfig: SignalConfig;
  /** Redis when REDIS_URL is set; undefined for the hub's in-process bus. */
  bus: SignalBus | undefined;
}

/** Says what is wrong and exits 1: a wrong setting is the operator's to fix, not a crash. */
export function refuseToStart(message: string): never {
  console.error(message);
  process.exit(1);
}

/** PORT (default `defaultPort`), HOST (default all interfaces) and the SIGNAL_* and REDIS_URL settings. */
export function readServerEnv(
  env: Record<string, string | undefined>,
  defaultPort: number,
): ServerEnv {
  const port = Number(env.PORT ?? defaultPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    refuseToStart(`PORT must be a port number, got "${env.PORT}"`);
  }
  try {
    const signalConfig = parseSignalConfig(env);
    return { port, host: env.HOST ?? '0.0.0.0', signalConfig, bus: signalBusFromEnv(env) };
  } catch (err) {
    if (!(err instanceof SignalConfigError) && !(err instanceof RedisUrlError)) throw err;
    refuseToStart(err.message);
  }
}

/** The port the server listens on: PORT=0 asks the system for a free one. */
export function listeningPort(server: Server, requested: number): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : requested;
}

/** On SIGINT or SIGTERM: runs `stop`, then exits 0; after SHUTDOWN_GRACE_MS exits regardless. */
export function stopOnSignal(stop: () => Promise<unknown>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
      void stop().finally(() => process.exit(0));
    });
  }
}
