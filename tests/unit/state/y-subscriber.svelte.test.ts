// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ySubscriber,
  type AnyYType,
  type YSubscriberOptions,
} from '../../../src/lib/state/y-subscriber';
import { watch } from '../../helpers/watch.svelte';

/** Observer handlers currently attached to a Y type (shallow and deep). */
function observers(type: AnyYType): { shallow: number; deep: number } {
  const t = type as unknown as { _eH: { l: unknown[] }; _dEH: { l: unknown[] } };
  return { shallow: t._eH.l.length, deep: t._dEH.l.length };
}

class Watched {
  readonly doc = new Y.Doc();
  readonly map = this.doc.getMap<unknown>('m');
  readonly #track: () => void;
  reads = 0;
  readonly value = $derived.by(() => {
    this.#track();
    this.reads++;
    return JSON.stringify(this.map.toJSON());
  });
  constructor(options: YSubscriberOptions = {}) {
    this.#track = ySubscriber(this.map, options);
  }
}

describe('ySubscriber', () => {
  it('re-runs a reader when the type changes, and observes only while someone reads', async () => {
    const w = new Watched();
    expect(observers(w.map).shallow).toBe(0);
    const seen = watch(() => w.value);
    expect(observers(w.map).shallow).toBe(1);
    w.map.set('a', 1);
    flushSync();
    expect(seen.values).toEqual(['{}', '{"a":1}']);
    seen.stop();
    await Promise.resolve(); // createSubscriber lets go a microtask after the last reader
    expect(observers(w.map).shallow).toBe(0);
  });

  it('is read afresh when nobody tracks it', () => {
    const w = new Watched();
    expect(w.value).toBe('{}');
    w.map.set('a', 1);
    expect(w.value).toBe('{"a":1}');
  });

  it('follows nested types only when deep', () => {
    const shallow = new Watched();
    const nested = new Y.Map<number>();
    shallow.map.set('inner', nested);
    const seenShallow = watch(() => shallow.value);
    nested.set('x', 1);
    flushSync();
    expect(seenShallow.values).toHaveLength(1);
    seenShallow.stop();

    const deep = new Watched({ deep: true });
    const inner = new Y.Map<number>();
    deep.map.set('inner', inner);
    const seenDeep = watch(() => deep.value);
    inner.set('x', 1);
    flushSync();
    expect(seenDeep.values.at(-1)).toBe('{"inner":{"x":1}}');
    seenDeep.stop();
  });

  it('with keys, ignores changes to other keys, at the top and below', () => {
    const w = new Watched({ deep: true, keys: ['mine'] });
    const other = new Y.Map<number>();
    const mine = new Y.Map<number>();
    w.map.set('other', other);
    w.map.set('mine', mine);
    const seen = watch(() => w.value);
    const before = w.reads;
    other.set('x', 1);
    w.map.set('another', 2);
    flushSync();
    expect(w.reads).toBe(before);
    mine.set('x', 1);
    flushSync();
    expect(w.reads).toBe(before + 1);
    seen.stop();
  });

  it('with a filter, counts only the changes it accepts', () => {
    const w = new Watched({
      deep: true,
      filter: (events) => events.some((e) => !(e.target instanceof Y.Text)),
    });
    const text = new Y.Text();
    w.map.set('text', text);
    const seen = watch(() => w.value);
    const before = w.reads;
    text.insert(0, 'typing');
    flushSync();
    expect(w.reads).toBe(before);
    w.map.set('state', 'scheduled');
    flushSync();
    expect(w.reads).toBe(before + 1);
    seen.stop();
  });

  it('tells an incremental cache what changed, and to rebuild when observing starts again', async () => {
    const changes: string[][] = [];
    let starts = 0;
    const w = new Watched({
      onChange: (events) => changes.push(events.flatMap((e) => [...e.keys.keys()])),
      onStart: () => starts++,
    });
    const first = watch(() => w.value);
    w.map.set('a', 1);
    expect(changes).toEqual([['a']]);
    first.stop();
    await Promise.resolve();
    w.map.set('b', 2); // nobody watching: unseen
    expect(changes).toHaveLength(1);
    const second = watch(() => w.value);
    expect(starts).toBe(2);
    expect(second.values.at(-1)).toBe('{"a":1,"b":2}');
    second.stop();
  });

  it('says when observing stops, so a cache knows it may miss changes from then on', async () => {
    let stops = 0;
    const w = new Watched({ onStop: () => stops++ });
    const first = watch(() => w.value);
    const second = watch(() => w.value);
    first.stop();
    await Promise.resolve();
    expect(stops).toBe(0); // one reader is left
    second.stop();
    await Promise.resolve();
    expect(stops).toBe(1);
    expect(observers(w.map).shallow).toBe(0);
  });
});
