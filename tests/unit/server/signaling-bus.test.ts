import { afterEach, describe, expect, it } from 'vitest';
import { InProcessBroker } from '../../../server/signaling/bus';
import { describeSignalBus } from './support/signal-bus-suite';
import { startSignalServer, TestClient, type TestSignalServer } from './support/signal-server';

describeSignalBus('in-process', () => {
  const broker = new InProcessBroker();
  return Promise.resolve([broker.createBus(), broker.createBus()]);
});

describe('two signaling servers on one bus', () => {
  const servers: TestSignalServer[] = [];
  const clients: TestClient[] = [];

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    for (const s of servers.splice(0)) await s.close();
  });

  it('act as one: clients of either meet in a topic, and each server counts its own', async () => {
    const broker = new InProcessBroker();
    servers.push(await startSignalServer({}, { bus: broker.createBus() }));
    servers.push(await startSignalServer({}, { bus: broker.createBus() }));
    const [one, two] = servers as [TestSignalServer, TestSignalServer];
    const a = await TestClient.open(one.url);
    const b = await TestClient.open(two.url);
    const c = await TestClient.open(two.url);
    clients.push(a, b, c);
    a.subscribe('room');
    b.subscribe('room');
    await Promise.all([a.sync(), b.sync()]);
    c.publish('room', 'across');
    expect((await a.next((m) => m.type === 'publish')).data).toBe('across');
    expect((await b.next((m) => m.type === 'publish')).data).toBe('across');
    expect(one.signaling.metrics.messagesRelayed).toBe(1);
    expect(two.signaling.metrics.messagesRelayed).toBe(1);
    a.unsubscribe('room');
    await a.sync();
    c.publish('room', 'only b');
    await b.next((m) => m.data === 'only b');
    await a.sync();
    expect(a.published()).toHaveLength(1);
  });
});
