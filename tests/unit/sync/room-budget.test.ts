import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { openYDatabase } from '../../../src/lib/sync/idb';
import { LocalPersistence } from '../../../src/lib/sync/local-persistence';
import { MESSAGE } from '../../../src/lib/sync/peer-guard';
import {
  CONVERSATION_BUDGET_BYTES,
  isOverBudget,
  markOverBudget,
  PEER_RATE,
  pausedUntil,
  RATE_PAUSE_MS,
  readBudgetRecord,
  STEP1_RATE,
  RoomBudget,
  storedBytesOf,
  updateBytes,
  type BudgetReason,
} from '../../../src/lib/sync/room-budget';
import { freshDbName } from '../../helpers/db-name';
import { readRows } from '../../helpers/raw-idb';

const updateMessage = (update: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
};

const stateVectorMessage = (doc: Y.Doc): Uint8Array => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
};

/** A real update carrying one message of `chars` characters. */
function messageUpdate(id: number, chars: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('messages').set(`m${id}`, { id: `m${id}`, text: 'x'.repeat(chars) });
  return updateMessage(Y.encodeStateAsUpdate(doc));
}

function clock(start = 0): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('RoomBudget: storage', () => {
  it('admits updates up to the budget, refuses the one that would pass it, then everything', () => {
    const budget = new RoomBudget({ storedBytes: 0, limitBytes: 100_000 });
    const reasons: BudgetReason[] = [];
    budget.on('exceeded', (r) => reasons.push(r));
    let admitted = 0;
    for (let i = 0; i < 20; i++) if (budget.admit('p', messageUpdate(i, 20_000))) admitted++;
    expect(admitted).toBe(4); // 4 × ~20 KB fit in 100 KB, the fifth would not
    expect(budget.usedBytes).toBeLessThanOrEqual(100_000);
    expect(reasons).toEqual(['storage']);
    expect(budget.exceeded).toBe('storage');
    // Even a tiny update or a state vector is refused now: the room has stopped.
    expect(budget.admit('p', messageUpdate(99, 1))).toBe(false);
    expect(budget.admit('other', stateVectorMessage(new Y.Doc()))).toBe(false);
    expect(reasons).toEqual(['storage']);
  });

  it('counts what is already stored', () => {
    const budget = new RoomBudget({ storedBytes: 90_000, limitBytes: 100_000 });
    expect(budget.admit('p', messageUpdate(1, 5_000))).toBe(true);
    expect(budget.admit('p', messageUpdate(2, 10_000))).toBe(false);
    expect(budget.exceeded).toBe('storage');
  });

  it('starts exceeded when what is stored already reaches the budget', () => {
    const budget = new RoomBudget({ storedBytes: CONVERSATION_BUDGET_BYTES });
    expect(budget.exceeded).toBe('storage');
    expect(budget.admit('p', stateVectorMessage(new Y.Doc()))).toBe(false);
  });

  it('does not count state vectors as stored bytes', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'hello');
    expect(updateBytes(stateVectorMessage(doc))).toBe(0);
    const update = messageUpdate(1, 100);
    expect(updateBytes(update)).toBe(update.length);
    const budget = new RoomBudget({ storedBytes: 0, limitBytes: 10 });
    expect(budget.admit('p', stateVectorMessage(doc))).toBe(true);
    expect(budget.usedBytes).toBe(0);
  });
});

describe('RoomBudget: rate per peer', () => {
  // Storage is not what these are about.
  const NO_LIMIT = Number.MAX_SAFE_INTEGER;

  it('lets two people write all day, with a full catch-up sync first', () => {
    const t = clock();
    const budget = new RoomBudget({ storedBytes: 0, limitBytes: NO_LIMIT, now: t.now });
    // A new device catching up: the largest message the guard lets through, at once.
    const catchUp = new Uint8Array(PEER_RATE.byteBurst - 1024 * 1024);
    catchUp[0] = MESSAGE.sync;
    catchUp[1] = 1; // sync step 2
    expect(budget.admit('sam-phone', catchUp)).toBe(true);
    // Then ten long letters a minute (and their echoes), for eight hours.
    for (let minute = 0; minute < 8 * 60; minute++) {
      for (let i = 0; i < 20; i++) {
        expect(budget.admit('sam-phone', messageUpdate(i, 20_000))).toBe(true);
      }
      t.advance(60_000);
    }
    expect(budget.exceeded).toBeNull();
  });

  it('stops a peer that sends many small updates at once', () => {
    const t = clock();
    const budget = new RoomBudget({ storedBytes: 0, limitBytes: NO_LIMIT, now: t.now });
    const small = messageUpdate(1, 10);
    let admitted = 0;
    while (budget.admit('flooder', small)) admitted++;
    expect(admitted).toBe(PEER_RATE.messageBurst);
    expect(budget.exceeded).toBe('rate');
  });

  it('stops a peer that sends more bytes a minute than people write', () => {
    const t = clock();
    const budget = new RoomBudget({ storedBytes: 0, limitBytes: NO_LIMIT, now: t.now });
    let sent = 0;
    // One 20 KB update a second: 1.2 MB a minute, past the byte rate once the burst is spent.
    while (budget.admit('flooder', messageUpdate(sent, 20_000))) {
      sent++;
      t.advance(1000);
      if (sent > 100_000) break;
    }
    expect(budget.exceeded).toBe('rate');
    expect(sent).toBeGreaterThan(100);
  });

  it('keeps each peer to its own bucket until one of them trips the room', () => {
    const t = clock();
    const budget = new RoomBudget({ storedBytes: 0, limitBytes: NO_LIMIT, now: t.now });
    const small = messageUpdate(1, 10);
    for (let i = 0; i < PEER_RATE.messageBurst; i++) budget.admit('a', small);
    expect(budget.admit('b', small)).toBe(true);
    expect(budget.admit('a', small)).toBe(false);
    expect(budget.admit('b', small)).toBe(false);
  });
});

describe('stored size on disk', () => {
  it('is counted beside the rows, through writes, compaction and a reload', async () => {
    const name = freshDbName('budget-count');
    const doc = new Y.Doc();
    const local = new LocalPersistence(name, doc, { countStoredBytes: true });
    await local.whenReady;
    expect(local.storedBytes).toBe(0);
    for (let i = 0; i < 5; i++) doc.getMap('m').set(`k${i}`, 'y'.repeat(1000));
    await local.whenIdle();
    const rows = await readRows(name);
    const rowTotal = rows.reduce((n, r) => n + (r.value as Uint8Array).length, 0);
    expect(local.storedBytes).toBe(rowTotal);
    expect((await readBudgetRecord(name)).storedBytes).toBe(rowTotal);

    await local.compact();
    const snapshot = (await readRows(name))[0]!.value as Uint8Array;
    expect((await readBudgetRecord(name)).storedBytes).toBe(snapshot.length);
    local.destroy();

    const again = new LocalPersistence(name, new Y.Doc(), { countStoredBytes: true });
    await again.whenReady;
    expect(again.storedBytes).toBe(snapshot.length);
    again.destroy();
  });

  it('is measured once for a database written before the count existed', async () => {
    const name = freshDbName('budget-legacy');
    const doc = new Y.Doc();
    const local = new LocalPersistence(name, doc);
    await local.whenReady;
    doc.getText('t').insert(0, 'z'.repeat(5000));
    doc.getText('t').insert(0, 'a');
    await local.whenIdle();
    local.destroy();
    const rows = await readRows(name);
    const rowTotal = rows.reduce((n, r) => n + (r.value as Uint8Array).length, 0);
    expect(rowTotal).toBeGreaterThan(5000);
    const db = await openYDatabase(name);
    expect(await storedBytesOf(db)).toBe(rowTotal);
    db.close();
    expect(await readBudgetRecord(name)).toEqual({
      storedBytes: rowTotal,
      overBudgetAt: null,
      overRateAt: null,
    });
  });

  it('remembers that a conversation passed its budget', async () => {
    const name = freshDbName('budget-mark');
    expect(isOverBudget(await readBudgetRecord(name))).toBe(false);
    await markOverBudget(name, new Date('2026-03-01T10:00:00Z'));
    const record = await readBudgetRecord(name);
    expect(record.overBudgetAt).toBe('2026-03-01T10:00:00.000Z');
    expect(isOverBudget(record)).toBe(true);
    expect(
      isOverBudget({
        storedBytes: CONVERSATION_BUDGET_BYTES,
        overBudgetAt: null,
        overRateAt: null,
      }),
    ).toBe(true);
  });

  it('remembers a rate pause across a restart, for an hour, then takes updates again', async () => {
    const name = freshDbName('rate-mark');
    const at = new Date('2026-03-01T10:00:00Z');
    await markOverBudget(name, at, 'rate');
    const record = await readBudgetRecord(name);
    // A rate pause is not a storage mark: the conversation is still loaded.
    expect(isOverBudget(record)).toBe(false);
    expect(pausedUntil(record)).toBe(at.getTime() + RATE_PAUSE_MS);

    let now = at.getTime() + RATE_PAUSE_MS / 2;
    const restarted = new RoomBudget({
      storedBytes: record.storedBytes,
      pausedUntil: pausedUntil(record),
      now: () => now,
    });
    expect(restarted.exceeded).toBe('rate');
    expect(restarted.resumeAt).toBe(at.getTime() + RATE_PAUSE_MS);
    expect(restarted.admit('flooder', messageUpdate(1, 10))).toBe(false);
    const resumed = vi.fn();
    restarted.on('resumed', resumed);
    now = at.getTime() + RATE_PAUSE_MS;
    restarted.resume();
    expect(resumed).toHaveBeenCalledOnce();
    expect(restarted.exceeded).toBeNull();
    expect(restarted.admit('flooder', messageUpdate(1, 10))).toBe(true);

    // A pause that ended before this start does not hold.
    const later = new RoomBudget({
      storedBytes: 0,
      pausedUntil: pausedUntil(record),
      now: () => at.getTime() + RATE_PAUSE_MS + 1,
    });
    expect(later.exceeded).toBeNull();
  });

  it('answers only a few requests for the whole document, whatever peer ids ask', () => {
    let now = 5_000_000;
    const budget = new RoomBudget({ storedBytes: 0, now: () => now });
    const ask = stateVectorMessage(new Y.Doc());
    for (let i = 0; i < STEP1_RATE.burst; i++) expect(budget.admit(`peer-${i}`, ask)).toBe(true);
    expect(budget.admit('yet-another-id', ask)).toBe(false);
    expect(budget.exceeded).toBe('rate');
    now += 60_000;
    expect(budget.admit('peer-0', ask)).toBe(false); // paused
  });

  it('a peer over the rate starts an hour-long pause', () => {
    let now = 1_000_000;
    const budget = new RoomBudget({ storedBytes: 0, now: () => now });
    let admitted = 0;
    while (budget.admit('flooder', messageUpdate(2, 100_000))) admitted++;
    expect(admitted).toBeGreaterThan(0);
    expect(budget.exceeded).toBe('rate');
    expect(budget.resumeAt).toBe(now + RATE_PAUSE_MS);
    now += 60_000;
    expect(budget.admit('someone-else', messageUpdate(1, 10))).toBe(false);
  });
});
