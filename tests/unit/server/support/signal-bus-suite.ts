/**
 * What every SignalBus must do, as a suite any implementation runs: the in-process bus now,
 * a Redis bus later (issue 8) with `connect` returning two buses on one Redis.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SignalBus } from '../../../../server/signaling/bus';
import { until } from './signal-server';

type Received = [topic: string, frame: string][];

export function describeSignalBus(name: string, connect: () => Promise<[SignalBus, SignalBus]>) {
  describe(`SignalBus acceptance: ${name}`, () => {
    let buses: SignalBus[] = [];

    async function pair(): Promise<[SignalBus, Received, SignalBus, Received]> {
      const [a, b] = await connect();
      buses = [a, b];
      const gotA: Received = [];
      const gotB: Received = [];
      a.onFrame((topic, frame) => gotA.push([topic, frame]));
      b.onFrame((topic, frame) => gotB.push([topic, frame]));
      return [a, gotA, b, gotB];
    }

    afterEach(async () => {
      await Promise.all(buses.map((bus) => bus.close()));
    });

    it('delivers a frame to the bus that published it when it is subscribed', async () => {
      const [a, gotA] = await pair();
      await a.subscribe('t');
      a.publish('t', '{"n":1}');
      await until(() => gotA.length === 1);
      expect(gotA).toEqual([['t', '{"n":1}']]);
    });

    it('delivers a frame to every other subscribed bus, and only those', async () => {
      const [a, gotA, b, gotB] = await pair();
      await b.subscribe('t');
      await a.subscribe('other');
      a.publish('t', 'x');
      await until(() => gotB.length === 1);
      expect(gotB).toEqual([['t', 'x']]);
      b.publish('other', 'y'); // a marker: once it arrives, an earlier frame for a would have too
      await until(() => gotA.length === 1);
      expect(gotA).toEqual([['other', 'y']]);
    });

    it('keeps the order of frames from one publisher', async () => {
      const [a, , b, gotB] = await pair();
      await b.subscribe('t');
      for (let i = 0; i < 50; i++) a.publish('t', String(i));
      await until(() => gotB.length === 50);
      expect(gotB.map(([, frame]) => Number(frame))).toEqual([...Array(50).keys()]);
    });

    it('stops delivering a topic after unsubscribe', async () => {
      const [a, , b, gotB] = await pair();
      await b.subscribe('t');
      await b.subscribe('marker');
      await b.unsubscribe('t');
      a.publish('t', 'late');
      a.publish('marker', 'm');
      await until(() => gotB.length === 1);
      expect(gotB).toEqual([['marker', 'm']]);
    });

    it('delivers nothing to a closed bus', async () => {
      const [a, gotA, b, gotB] = await pair();
      await a.subscribe('t');
      await b.subscribe('t');
      await b.close();
      a.publish('t', 'after');
      await until(() => gotA.length === 1);
      expect(gotB).toEqual([]);
    });
  });
}
