/**
 * Puts signaling on an HTTP server: WebSocket upgrades at `/signal` become hub connections,
 * after the per-address and total connection limits; upgrades anywhere else get 404.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { createInProcessBus, type SignalBus } from './bus';
import { addressKey, clientAddress } from './client-address';
import { DEFAULT_SIGNAL_CONFIG, type SignalConfig } from './config';
import { SignalHub } from './hub';
import { consoleLog, hashAddress, throttleByKey, type SignalLog } from './log';
import { SignalMetrics, type ConnectionRejection } from './metrics';

export const SIGNAL_PATH = '/signal';

export interface AttachSignalingOptions {
  config?: SignalConfig;
  /** Where topic fan-out goes; an in-process bus (owned and closed here) when not given. */
  bus?: SignalBus;
  log?: SignalLog;
  /** Paths that accept an upgrade. */
  paths?: readonly string[];
}

export interface SignalingHandle {
  readonly hub: SignalHub;
  readonly metrics: SignalMetrics;
  /** The Prometheus exposition text, gauges read now. */
  renderMetrics(): string;
  /** Stops accepting, closes every connection (1001), and closes the bus if it owns it. */
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** Answers an upgrade request with a plain HTTP error and ends the socket. */
function refuseUpgrade(socket: Duplex, status: number): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}

function upgradePath(rawUrl: string | undefined): string | null {
  try {
    return new URL(rawUrl ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

export function attachSignaling(
  server: Server,
  {
    config = DEFAULT_SIGNAL_CONFIG,
    bus: givenBus,
    log = consoleLog,
    paths = [SIGNAL_PATH],
  }: AttachSignalingOptions = {},
): SignalingHandle {
  const bus = givenBus ?? createInProcessBus();
  const metrics = new SignalMetrics();
  const hub = new SignalHub({ config, bus, metrics, log });
  const logRefusal = throttleByKey(log);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxFrameBytes,
    clientTracking: false,
    // Frames are small JSON; compression would cost memory per connection for little gain.
    perMessageDeflate: false,
  });
  /** Open sockets (handshakes included) per address key, and in total. */
  const perAddress = new Map<string, number>();
  let open = 0;
  let closed = false; // close() runs once

  const refuse = (socket: Duplex, status: number, reason: ConnectionRejection, key = ''): void => {
    metrics.connectionsRejected[reason] += 1;
    logRefusal(reason, `signal: refuse reason=${reason}${key ? ` addr=${hashAddress(key)}` : ''}`);
    refuseUpgrade(socket, status);
  };

  wss.on('wsClientError', (_err, socket) => refuse(socket, 400, 'bad_handshake'));

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // A reset during the handshake must not become an uncaught error.
    socket.on('error', () => socket.destroy());
    const path = upgradePath(req.url);
    if (path === null || !paths.includes(path)) {
      refuse(socket, 404, 'bad_path');
      return;
    }
    const key = addressKey(clientAddress(req, config.trustProxy));
    if (open >= config.maxConns) {
      refuse(socket, 503, 'server_full', key);
      return;
    }
    const fromAddress = perAddress.get(key) ?? 0;
    if (fromAddress >= config.maxConnsPerIp) {
      refuse(socket, 429, 'per_ip', key);
      return;
    }
    // Counted from the handshake on and released when the socket closes, however it ends.
    open += 1;
    perAddress.set(key, fromAddress + 1);
    socket.once('close', () => {
      open -= 1;
      const left = (perAddress.get(key) ?? 1) - 1;
      if (left > 0) perAddress.set(key, left);
      else perAddress.delete(key);
    });
    wss.handleUpgrade(req, socket, head, (ws) => hub.accept(ws, key));
  };
  server.on('upgrade', onUpgrade);

  return {
    hub,
    metrics,
    renderMetrics: () =>
      metrics.render({
        connections: hub.connectionCount,
        topics: hub.topicCount,
        subscriptions: hub.subscriptionCount,
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      // Without an upgrade listener, Node destroys upgrade requests by itself.
      server.off('upgrade', onUpgrade);
      await hub.close();
      wss.close();
      if (!givenBus) await bus.close();
    },
  };
}
