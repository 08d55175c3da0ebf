/**
 * y-webrtc's signaling protocol, client to server (JSON text frames):
 *
 *   { "type": "subscribe",   "topics": ["room-a", …] }
 *   { "type": "unsubscribe", "topics": ["room-a", …] }
 *   { "type": "publish",     "topic": "room-a", "data": … }   relayed to every subscriber
 *   { "type": "ping" }                                        answered with { "type": "pong" }
 *
 * The stock server (y-webrtc/bin/server.js) skips what it cannot use; this one treats anything
 * a stock client would never send as garbage, so the hub can close the connection.
 */

export type ClientMessage =
  | { type: 'subscribe' | 'unsubscribe'; topics: string[] }
  | { type: 'publish'; topic: string; message: Record<string, unknown> }
  | { type: 'ping' };

/** Why a frame was refused; also the `reason` label of the rejection metric. */
export type FrameRejection =
  | 'too_big'
  | 'binary'
  | 'invalid_json'
  | 'bad_message'
  | 'too_many_topics'
  | 'topic_too_long'
  | 'rate_limited'
  | 'protocol_error';

export const FRAME_REJECTIONS: readonly FrameRejection[] = [
  'too_big',
  'binary',
  'invalid_json',
  'bad_message',
  'too_many_topics',
  'topic_too_long',
  'rate_limited',
  'protocol_error',
];

export interface ProtocolLimits {
  maxTopicsPerConn: number;
  maxTopicLength: number;
}

export type ParseResult =
  { ok: true; message: ClientMessage } | { ok: false; reason: FrameRejection };

const reject = (reason: FrameRejection): ParseResult => ({ ok: false, reason });

function checkTopic(topic: unknown, limits: ProtocolLimits): FrameRejection | null {
  if (typeof topic !== 'string' || topic === '') return 'bad_message';
  return topic.length > limits.maxTopicLength ? 'topic_too_long' : null;
}

/** Parses one text frame; never throws. */
export function parseClientFrame(text: string, limits: ProtocolLimits): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return reject('invalid_json');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject('bad_message');
  }
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'subscribe':
    case 'unsubscribe': {
      const { topics } = message;
      if (!Array.isArray(topics)) return reject('bad_message');
      // Checked before looking inside, so a huge array costs nothing more.
      if (topics.length > limits.maxTopicsPerConn) return reject('too_many_topics');
      for (const topic of topics) {
        const problem = checkTopic(topic, limits);
        if (problem) return reject(problem);
      }
      return { ok: true, message: { type: message.type, topics: topics as string[] } };
    }
    case 'publish': {
      const problem = checkTopic(message.topic, limits);
      if (problem) return reject(problem);
      return { ok: true, message: { type: 'publish', topic: message.topic as string, message } };
    }
    case 'ping':
      return { ok: true, message: { type: 'ping' } };
    default:
      return reject('bad_message');
  }
}

/** The frame subscribers receive: the publisher's message plus `clients`, as the stock server. */
export function encodePublish(message: Record<string, unknown>, clients: number): string | null {
  try {
    return JSON.stringify({ ...message, clients });
  } catch {
    // Deeply nested `data` parses fine but overflows the stack when stringified.
    return null;
  }
}

export const PONG_FRAME = JSON.stringify({ type: 'pong' });
