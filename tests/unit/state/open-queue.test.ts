import { describe, expect, it } from 'vitest';
import { OpenQueue, type WhenIdle } from '../../../src/lib/state/open-queue';
import { tick } from '../../helpers/eventually';

/** Idle moments the test hands out one by one. */
function idleMoments(): { whenIdle: WhenIdle; idle: () => void; pending: () => number } {
  const queue: (() => void)[] = [];
  return {
    whenIdle: (fn) => {
      queue.push(fn);
      return () => queue.splice(queue.indexOf(fn), 1);
    },
    idle: () => queue.shift()?.(),
    pending: () => queue.length,
  };
}

describe('OpenQueue', () => {
  it('opens one at a time, each in an idle moment, the next only after the last settled', async () => {
    const moments = idleMoments();
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    const queue = new OpenQueue(
      (id) =>
        new Promise<void>((resolve) => {
          started.push(id);
          finish.set(id, resolve);
        }),
      moments.whenIdle,
    );
    queue.add('a');
    queue.add('b');
    queue.add('a');
    expect(started).toEqual([]); // nothing before an idle moment
    moments.idle();
    expect(started).toEqual(['a']);
    expect(moments.pending()).toBe(0); // b waits for a, not just for idle
    finish.get('a')!();
    await tick();
    moments.idle();
    expect(started).toEqual(['a', 'b']);
  });

  it('moves one that is needed now to the front, and goes on after one that failed', async () => {
    const moments = idleMoments();
    const started: string[] = [];
    const queue = new OpenQueue((id) => {
      started.push(id);
      return id === 'a' ? Promise.reject(new Error('no')) : Promise.resolve();
    }, moments.whenIdle);
    for (const id of ['a', 'b', 'c', 'd']) queue.add(id);
    moments.idle();
    queue.first('d');
    await tick();
    moments.idle();
    await tick();
    moments.idle();
    await tick();
    moments.idle();
    expect(started).toEqual(['a', 'd', 'b', 'c']);
  });

  it('opens nothing more once destroyed', () => {
    const moments = idleMoments();
    const started: string[] = [];
    const queue = new OpenQueue(async (id) => {
      started.push(id);
    }, moments.whenIdle);
    queue.add('a');
    queue.destroy();
    moments.idle();
    expect(started).toEqual([]);
  });
});
