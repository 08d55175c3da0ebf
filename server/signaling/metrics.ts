/**
 * Counters of the signaling server and their Prometheus text exposition (format 0.0.4).
 * Only counts: never a topic, an address or a byte of any frame.
 */
import { FRAME_REJECTIONS, type FrameRejection } from './protocol';

/** Why an upgrade request was refused before it became a connection. */
export type ConnectionRejection = 'per_ip' | 'server_full' | 'bad_path' | 'bad_handshake';
export const CONNECTION_REJECTIONS: readonly ConnectionRejection[] = [
  'per_ip',
  'server_full',
  'bad_path',
  'bad_handshake',
];

/** Why the server dropped a connection that broke no protocol rule. */
export type ConnectionDrop = 'idle' | 'slow_consumer';
export const CONNECTION_DROPS: readonly ConnectionDrop[] = ['idle', 'slow_consumer'];

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

export class SignalMetrics {
  connectionsAccepted = 0;
  messagesPublished = 0;
  messagesRelayed = 0;
  // Every label value starts at 0, so a rate() over a fresh series has a baseline.
  readonly framesRejected = zeroes(FRAME_REJECTIONS);
  readonly connectionsRejected = zeroes(CONNECTION_REJECTIONS);
  readonly connectionsDropped = zeroes(CONNECTION_DROPS);

  rejectFrame(reason: FrameRejection): void {
    this.framesRejected[reason] += 1;
  }

  /** The exposition text, with the gauges read now. */
  render(gauges: { connections: number; topics: number; subscriptions: number }): string {
    const lines: string[] = [];
    const metric = (name: string, type: 'gauge' | 'counter', help: string): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    };
    const labelled = (name: string, values: Record<string, number>): void => {
      for (const [reason, value] of Object.entries(values)) {
        lines.push(`${name}{reason="${reason}"} ${value}`);
      }
    };
    metric('mull_signal_connections', 'gauge', 'Open signaling WebSocket connections.');
    lines.push(`mull_signal_connections ${gauges.connections}`);
    metric('mull_signal_topics', 'gauge', 'Topics with at least one subscriber here.');
    lines.push(`mull_signal_topics ${gauges.topics}`);
    metric('mull_signal_subscriptions', 'gauge', 'Topic subscriptions over all connections.');
    lines.push(`mull_signal_subscriptions ${gauges.subscriptions}`);
    metric('mull_signal_connections_accepted_total', 'counter', 'Connections accepted.');
    lines.push(`mull_signal_connections_accepted_total ${this.connectionsAccepted}`);
    metric('mull_signal_messages_published_total', 'counter', 'Publish frames accepted.');
    lines.push(`mull_signal_messages_published_total ${this.messagesPublished}`);
    metric(
      'mull_signal_messages_relayed_total',
      'counter',
      'Published frames delivered to subscribers, one per receiving connection.',
    );
    lines.push(`mull_signal_messages_relayed_total ${this.messagesRelayed}`);
    metric(
      'mull_signal_frames_rejected_total',
      'counter',
      'Frames refused (the connection is closed), by reason.',
    );
    labelled('mull_signal_frames_rejected_total', this.framesRejected);
    metric(
      'mull_signal_connections_rejected_total',
      'counter',
      'Upgrade requests refused, by reason.',
    );
    labelled('mull_signal_connections_rejected_total', this.connectionsRejected);
    metric(
      'mull_signal_connections_dropped_total',
      'counter',
      'Connections dropped by the server, by reason.',
    );
    labelled('mull_signal_connections_dropped_total', this.connectionsDropped);
    metric('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.');
    lines.push(`process_resident_memory_bytes ${process.memoryUsage.rss()}`);
    return lines.join('\n') + '\n';
  }
}
