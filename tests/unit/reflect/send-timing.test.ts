import { describe, expect, it } from 'vitest';
import { ReflectError } from '../../../src/lib/reflect/errors';
import {
  clampUndoSeconds,
  dueDrafts,
  isUndoable,
  scheduleSendAt,
  undoDeadline,
  UNDO_SECONDS_DEFAULT,
  type DraftTiming,
} from '../../../src/lib/reflect/send-timing';

const REQUESTED = '2025-05-10T18:00:00.000Z';
const plus = (iso: string, ms: number): Date => new Date(Date.parse(iso) + ms);

describe('undo window', () => {
  it.each([
    [undefined, UNDO_SECONDS_DEFAULT],
    [null, UNDO_SECONDS_DEFAULT],
    [Number.NaN, UNDO_SECONDS_DEFAULT],
    [Number.POSITIVE_INFINITY, UNDO_SECONDS_DEFAULT],
    ['15', UNDO_SECONDS_DEFAULT],
    [-5, 0],
    [0, 0],
    [10, 10],
    [60, 60],
    [61, 60],
    [12.4, 12],
    [12.5, 13],
  ])('clamps %j to %i seconds', (value, seconds) => {
    expect(clampUndoSeconds(value)).toBe(seconds);
  });

  it('ends the undo window the clamped number of seconds after the send was requested', () => {
    expect(undoDeadline(REQUESTED, 10).toISOString()).toBe('2025-05-10T18:00:10.000Z');
    expect(undoDeadline(new Date(REQUESTED), 600).toISOString()).toBe('2025-05-10T18:01:00.000Z');
    expect(undoDeadline(REQUESTED, 'bad').toISOString()).toBe('2025-05-10T18:00:10.000Z');
  });

  it('allows undo before the deadline and not at or after it', () => {
    expect(isUndoable(REQUESTED, 10, plus(REQUESTED, 0))).toBe(true);
    expect(isUndoable(REQUESTED, 10, plus(REQUESTED, 9_999))).toBe(true);
    expect(isUndoable(REQUESTED, 10, plus(REQUESTED, 10_000))).toBe(false);
    expect(isUndoable(REQUESTED, 10, plus(REQUESTED, 60_000))).toBe(false);
  });

  it('never allows undo with a zero-second window', () => {
    expect(isUndoable(REQUESTED, 0, new Date(REQUESTED))).toBe(false);
  });

  it('refuses an unreadable request time', () => {
    expect(() => undoDeadline('not a time', 10)).toThrow(ReflectError);
    expect(() => isUndoable(REQUESTED, 10, new Date(NaN))).toThrow('now must be a valid Date');
  });
});

describe('scheduleSendAt', () => {
  const now = new Date('2025-01-10T23:00:00Z');
  const theirs = { start: '22:00', end: '07:00', timeZone: 'Europe/London' };

  it('keeps a chosen time in the future, as ISO-8601 UTC', () => {
    expect(scheduleSendAt({ kind: 'at', at: '2025-01-11T09:30:00+01:00' }, now)).toBe(
      '2025-01-11T08:30:00.000Z',
    );
  });

  it('sends a time already past as soon as possible', () => {
    expect(scheduleSendAt({ kind: 'at', at: new Date('2025-01-01T00:00:00Z') }, now)).toBe(
      now.toISOString(),
    );
  });

  it('waits for the recipient’s quiet hours to end, in their time zone', () => {
    expect(scheduleSendAt({ kind: 'after-their-quiet-hours', quietHours: theirs }, now)).toBe(
      '2025-01-11T07:00:00.000Z',
    );
    const tokyo = { start: '22:00', end: '07:00', timeZone: 'Asia/Tokyo' };
    // 23:00Z is 08:00 in Tokyo: their quiet hours are over, so now.
    expect(scheduleSendAt({ kind: 'after-their-quiet-hours', quietHours: tokyo }, now)).toBe(
      now.toISOString(),
    );
  });

  it('refuses an unreadable time or bad quiet hours', () => {
    expect(() => scheduleSendAt({ kind: 'at', at: 'soon' }, now)).toThrow(ReflectError);
    expect(() =>
      scheduleSendAt(
        { kind: 'after-their-quiet-hours', quietHours: { ...theirs, end: '7am' } },
        now,
      ),
    ).toThrow(/quiet hours end must be/);
  });
});

describe('dueDrafts', () => {
  const now = new Date('2025-05-10T18:00:00Z');
  const drafts: Array<DraftTiming & { contactId: string }> = [
    { id: 'b', state: 'scheduled', sendAt: '2025-05-10T17:00:00Z', contactId: 'sam' },
    { id: 'a', state: 'scheduled', sendAt: '2025-05-10T17:00:00Z', contactId: 'sam' },
    { id: 'c', state: 'scheduled', sendAt: '2025-05-10T18:00:00.000Z', contactId: 'kit' },
    { id: 'early', state: 'scheduled', sendAt: '2025-05-09T08:00:00Z', contactId: 'kit' },
    { id: 'later', state: 'scheduled', sendAt: '2025-05-10T18:00:00.001Z', contactId: 'kit' },
    { id: 'writing', state: 'drafting', sendAt: '2025-05-10T17:00:00Z', contactId: 'kit' },
    { id: 'gone', state: 'sent', sendAt: '2025-05-10T17:00:00Z', contactId: 'kit' },
    { id: 'binned', state: 'discarded', sendAt: '2025-05-10T17:00:00Z', contactId: 'kit' },
    { id: 'no-time', state: 'scheduled', contactId: 'kit' },
    { id: 'garbled', state: 'scheduled', sendAt: 'tomorrow-ish', contactId: 'kit' },
  ];

  it('picks scheduled drafts whose time has come, earliest first and then by id', () => {
    expect(dueDrafts(drafts, now).map((d) => d.id)).toEqual(['early', 'a', 'b', 'c']);
  });

  it('returns the drafts themselves, with their other fields', () => {
    expect(dueDrafts(drafts, now)[0]).toBe(drafts[3]);
  });

  it('gives every device the same answer, so a send done twice writes the same message ids', () => {
    const onLaptop = dueDrafts(drafts, now).map((d) => d.id);
    const onPhone = dueDrafts([...drafts].reverse(), now).map((d) => d.id);
    expect(onPhone).toEqual(onLaptop);
  });

  it('finds nothing in an empty list and refuses an invalid now', () => {
    expect(dueDrafts([], now)).toEqual([]);
    expect(() => dueDrafts(drafts, new Date('nope'))).toThrow(ReflectError);
  });
});
