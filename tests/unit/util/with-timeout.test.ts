import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimeoutError, withTimeout } from '../../../src/lib/util/with-timeout';

afterEach(() => {
  vi.useRealTimers();
});

describe('withTimeout', () => {
  it('resolves with the promise’s value and leaves no timer behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await expect(withTimeout(Promise.resolve(42), 1000, 'slow')).resolves.toBe(42);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with the promise’s own error and leaves no timer behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const error = new Error('boom');
    await expect(withTimeout(Promise.reject(error), 1000, 'slow')).rejects.toBe(error);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with a TimeoutError carrying the message once the time is up', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const result = withTimeout(new Promise<never>(() => {}), 1000, 'took too long');
    const settled = expect(result).rejects.toMatchObject({
      name: 'TimeoutError',
      message: 'took too long',
    });
    await vi.advanceTimersByTimeAsync(1000);
    await settled;
    await expect(result).rejects.toBeInstanceOf(TimeoutError);
  });

  it('does not time out a moment early', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let settled = false;
    const result = withTimeout(new Promise<never>(() => {}), 1000, 'x');
    result.catch(() => {}).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
  });

  it('a value that arrives in time wins over the timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const slow = new Promise<string>((resolve) => setTimeout(() => resolve('made it'), 500));
    const result = withTimeout(slow, 1000, 'x');
    await vi.advanceTimersByTimeAsync(500);
    await expect(result).resolves.toBe('made it');
  });
});
