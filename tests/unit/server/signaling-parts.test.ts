import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { addressKey, clientAddress } from '../../../server/signaling/client-address';
import { hashAddress, throttleByKey } from '../../../server/signaling/log';
import { encodePublish, parseClientFrame } from '../../../server/signaling/protocol';
import { TokenBucket } from '../../../server/signaling/token-bucket';

describe('TokenBucket', () => {
  it('allows a burst, then one frame per 1/rate seconds', () => {
    const bucket = new TokenBucket(10, 3, 0);
    expect([1, 2, 3, 4].map(() => bucket.take(0))).toEqual([true, true, true, false]);
    expect(bucket.take(50)).toBe(false); // half a token
    expect(bucket.take(100)).toBe(true);
    expect(bucket.take(100)).toBe(false);
  });

  it('never holds more than the burst, however long it was idle', () => {
    const bucket = new TokenBucket(10, 2, 0);
    expect([1, 2, 3].map(() => bucket.take(60_000))).toEqual([true, true, false]);
  });

  it('does not refill when the clock goes backwards', () => {
    const bucket = new TokenBucket(10, 1, 1000);
    expect(bucket.take(1000)).toBe(true);
    expect(bucket.take(0)).toBe(false);
  });
});

describe('parseClientFrame', () => {
  const limits = { maxTopicsPerConn: 3, maxTopicLength: 8 };

  it('reads the four message types', () => {
    expect(parseClientFrame('{"type":"subscribe","topics":["a","b"]}', limits)).toEqual({
      ok: true,
      message: { type: 'subscribe', topics: ['a', 'b'] },
    });
    expect(parseClientFrame('{"type":"unsubscribe","topics":[]}', limits)).toEqual({
      ok: true,
      message: { type: 'unsubscribe', topics: [] },
    });
    expect(parseClientFrame('{"type":"ping"}', limits)).toEqual({
      ok: true,
      message: { type: 'ping' },
    });
    const publish = parseClientFrame('{"type":"publish","topic":"a","data":{"x":1}}', limits);
    expect(publish).toEqual({
      ok: true,
      message: {
        type: 'publish',
        topic: 'a',
        message: { type: 'publish', topic: 'a', data: { x: 1 } },
      },
    });
  });

  it.each([
    ['{', 'invalid_json'],
    ['[]', 'bad_message'],
    ['{"type":"subscribe","topics":["a","b","c","d"]}', 'too_many_topics'],
    ['{"type":"subscribe","topics":["123456789"]}', 'topic_too_long'],
    ['{"type":"publish","topic":"123456789"}', 'topic_too_long'],
    ['{"type":"publish","topic":""}', 'bad_message'],
    ['{"type":"pong"}', 'bad_message'],
  ])('refuses %s as %s', (frame, reason) => {
    expect(parseClientFrame(frame, limits)).toEqual({ ok: false, reason });
  });

  it('keeps a "__proto__" key as plain data', () => {
    const parsed = parseClientFrame('{"type":"publish","topic":"a","__proto__":{"x":1}}', limits);
    expect(parsed.ok).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('encodePublish', () => {
  it('adds clients, replacing any the client sent', () => {
    expect(JSON.parse(encodePublish({ type: 'publish', topic: 't', clients: 9 }, 2)!)).toEqual({
      type: 'publish',
      topic: 't',
      clients: 2,
    });
  });

  it('gives null for data too deeply nested to encode', () => {
    const deep = JSON.parse('['.repeat(30_000) + ']'.repeat(30_000)) as unknown;
    expect(encodePublish({ type: 'publish', topic: 't', data: deep }, 1)).toBeNull();
  });
});

describe('addressKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['unknown', 'unknown'],
  ])('counts %s as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });

  it('puts two addresses of one IPv6 /64 under one key, and of two /64s under two', () => {
    expect(addressKey('2001:db8:a:b::1')).toBe(addressKey('2001:db8:a:b:ffff:1:2:3'));
    expect(addressKey('2001:db8:a:b::1')).not.toBe(addressKey('2001:db8:a:c::1'));
  });
});

describe('clientAddress', () => {
  function request(remoteAddress: string, forwarded?: string): IncomingMessage {
    const socket = new Socket();
    Object.defineProperty(socket, 'remoteAddress', { value: remoteAddress });
    const req = new IncomingMessage(socket);
    if (forwarded !== undefined) req.headers['x-forwarded-for'] = forwarded;
    return req;
  }

  it('uses the socket address unless the proxy is trusted', () => {
    expect(clientAddress(request('10.0.0.1', '1.2.3.4'), false)).toBe('10.0.0.1');
  });

  it('behind a trusted proxy, uses the last X-Forwarded-For entry (the one the proxy added)', () => {
    expect(clientAddress(request('10.0.0.1', 'spoofed, 1.2.3.4'), true)).toBe('1.2.3.4');
    expect(clientAddress(request('10.0.0.1', '2001:db8::1'), true)).toBe('2001:db8::1');
  });

  it('falls back to the socket address when the header is missing or not an address', () => {
    expect(clientAddress(request('10.0.0.1'), true)).toBe('10.0.0.1');
    expect(clientAddress(request('10.0.0.1', '1.2.3.4, evil'), true)).toBe('10.0.0.1');
  });
});

describe('signaling log helpers', () => {
  it('hash an address to 8 hex characters, the same within a process', () => {
    expect(hashAddress('203.0.113.7')).toMatch(/^[0-9a-f]{8}$/);
    expect(hashAddress('203.0.113.7')).toBe(hashAddress('203.0.113.7'));
    expect(hashAddress('203.0.113.7')).not.toBe(hashAddress('203.0.113.8'));
  });

  it('throttle each key to one line per interval and count what was left out', () => {
    const lines: string[] = [];
    const log = throttleByKey((line) => lines.push(line), 60_000);
    log('a', 'first a');
    log('a', 'second a');
    log('a', 'third a');
    log('b', 'first b');
    expect(lines).toEqual(['first a', 'first b']);
    vi.useFakeTimers({ now: Date.now() + 60_000 });
    try {
      log('a', 'later a');
    } finally {
      vi.useRealTimers();
    }
    expect(lines.at(-1)).toBe('later a (+2 not logged)');
  });
});
