import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIGNAL_CONFIG,
  parseSignalConfig,
  SIGNAL_SETTINGS,
  SignalConfigError,
} from '../../../server/signaling/config';

describe('parseSignalConfig', () => {
  it('gives the documented defaults when nothing is set', () => {
    expect(parseSignalConfig({})).toEqual({
      maxFrameBytes: 65_536,
      maxTopicsPerConn: 64,
      maxTopicLength: 256,
      maxMsgsPerSec: 50,
      msgBurst: 200,
      maxConnsPerIp: 64,
      maxConns: 10_000,
      idleTimeoutMs: 60_000,
      maxBufferedBytes: 1_048_576,
      trustProxy: false,
    });
    expect(parseSignalConfig({})).toEqual(DEFAULT_SIGNAL_CONFIG);
  });

  it('reads every variable', () => {
    const config = parseSignalConfig({
      SIGNAL_MAX_FRAME_BYTES: '2048',
      SIGNAL_MAX_TOPICS: '8',
      SIGNAL_MAX_TOPIC_LENGTH: '40',
      SIGNAL_MAX_MSGS_PER_SEC: '5',
      SIGNAL_MSG_BURST: '10',
      SIGNAL_MAX_CONNS_PER_IP: '3',
      SIGNAL_MAX_CONNS: '100',
      SIGNAL_IDLE_TIMEOUT_MS: '30000',
      SIGNAL_MAX_BUFFERED_BYTES: '4096',
      SIGNAL_TRUST_PROXY: '1',
    });
    expect(config).toEqual({
      maxFrameBytes: 2048,
      maxTopicsPerConn: 8,
      maxTopicLength: 40,
      maxMsgsPerSec: 5,
      msgBurst: 10,
      maxConnsPerIp: 3,
      maxConns: 100,
      idleTimeoutMs: 30_000,
      maxBufferedBytes: 4096,
      trustProxy: true,
    });
  });

  it('treats an empty variable as unset and trims spaces', () => {
    expect(parseSignalConfig({ SIGNAL_MAX_TOPICS: '', SIGNAL_MAX_CONNS: ' 7 ' })).toMatchObject({
      maxTopicsPerConn: 64,
      maxConns: 7,
    });
  });

  it.each(['abc', '-1', '1.5', '1e3', '0x10', '12abc', '0', '99999999999999999999'])(
    'refuses SIGNAL_MAX_TOPICS=%j and names the variable, the range and the value',
    (value) => {
      expect(() => parseSignalConfig({ SIGNAL_MAX_TOPICS: value })).toThrow(SignalConfigError);
      expect(() => parseSignalConfig({ SIGNAL_MAX_TOPICS: value })).toThrow(
        `SIGNAL_MAX_TOPICS must be a whole number from 1 to 100000, got "${value}"`,
      );
    },
  );

  it('refuses values outside each variable’s range', () => {
    for (const { env, min, max } of Object.values(SIGNAL_SETTINGS)) {
      expect(() => parseSignalConfig({ [env]: String(min - 1) }), env).toThrow(env);
      expect(() => parseSignalConfig({ [env]: String(max + 1) }), env).toThrow(env);
      expect(() => parseSignalConfig({ [env]: String(min) }), env).not.toThrow();
    }
  });

  it('lists every wrong variable at once', () => {
    let message = '';
    try {
      parseSignalConfig({
        SIGNAL_MAX_FRAME_BYTES: '10',
        SIGNAL_IDLE_TIMEOUT_MS: 'soon',
        SIGNAL_TRUST_PROXY: 'maybe',
        SIGNAL_MAX_TOPICS: '5',
      });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('SIGNAL_MAX_FRAME_BYTES');
    expect(message).toContain('SIGNAL_IDLE_TIMEOUT_MS');
    expect(message).toContain('SIGNAL_TRUST_PROXY must be 1 or 0, got "maybe"');
    expect(message).not.toContain('SIGNAL_MAX_TOPICS');
  });

  it.each([
    ['true', true],
    ['yes', true],
    ['0', false],
    ['FALSE', false],
  ])('reads SIGNAL_TRUST_PROXY=%s as %s', (value, expected) => {
    expect(parseSignalConfig({ SIGNAL_TRUST_PROXY: value }).trustProxy).toBe(expected);
  });
});
