import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  DEFAULT_COOL_OFF_MINUTES,
  DEFAULT_UNDO_SECONDS,
  ensureMemberId,
  MAX_NAME_LENGTH,
  MAX_REPLY_WINDOW_LENGTH,
  ORIGIN,
  readProfile,
  SETTING,
  settingsOf,
  updateProfile,
  VaultError,
  type ProfilePatch,
} from '../../../src/lib/vault';
import { recordOrigins } from '../../helpers/origins';
import { syncAll } from '../../helpers/sync-docs';

/** Half of a UTF-16 surrogate pair with no other half next to it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const QUIET = { start: '22:00', end: '07:30', timeZone: 'Europe/Berlin' };

/** A doc whose settings map holds exactly `values`, as another (buggy or newer) device left it. */
function docWithSettings(values: Record<string, unknown>): Y.Doc {
  const doc = new Y.Doc();
  const s = settingsOf(doc);
  for (const [key, value] of Object.entries(values)) s.set(key, value);
  return doc;
}

describe('profile', () => {
  describe('readProfile', () => {
    it('reads an empty vault as the defaults', () => {
      expect(readProfile(new Y.Doc())).toEqual({
        displayName: '',
        memberId: '',
        replyWindow: '',
        quietHours: null,
        undoSeconds: DEFAULT_UNDO_SECONDS,
        coolOffMinutes: DEFAULT_COOL_OFF_MINUTES,
        notificationPreview: false,
      });
    });

    it('reads values of the wrong type as the defaults', () => {
      const doc = docWithSettings({
        [SETTING.displayName]: 42,
        [SETTING.memberId]: { id: 'x' },
        [SETTING.replyWindow]: ['soon'],
        [SETTING.quietHours]: 'always',
        [SETTING.undoSeconds]: '10',
        [SETTING.coolOffMinutes]: null,
        [SETTING.notificationPreview]: 'yes',
      });
      expect(readProfile(doc)).toEqual(readProfile(new Y.Doc()));
    });

    it('reads numbers that are not finite as the defaults', () => {
      for (const bad of [Number.NaN, Infinity, -Infinity]) {
        const doc = docWithSettings({ [SETTING.undoSeconds]: bad, [SETTING.coolOffMinutes]: bad });
        expect(readProfile(doc)).toMatchObject({
          undoSeconds: DEFAULT_UNDO_SECONDS,
          coolOffMinutes: DEFAULT_COOL_OFF_MINUTES,
        });
      }
    });

    it('clamps stored timings into range and rounds them to whole units', () => {
      const cases: [unknown, unknown, number, number][] = [
        [-5, 0, 0, 1],
        [99, 5000, 60, 24 * 60],
        [2.6, 14.4, 3, 14],
        [0, 1, 0, 1],
        [60, 24 * 60, 60, 24 * 60],
      ];
      for (const [undo, coolOff, wantUndo, wantCoolOff] of cases) {
        const doc = docWithSettings({
          [SETTING.undoSeconds]: undo,
          [SETTING.coolOffMinutes]: coolOff,
        });
        expect(readProfile(doc)).toMatchObject({
          undoSeconds: wantUndo,
          coolOffMinutes: wantCoolOff,
        });
      }
    });

    it('caps an over-long stored name and reply window', () => {
      const doc = docWithSettings({
        [SETTING.displayName]: 'n'.repeat(10_000),
        [SETTING.replyWindow]: 'w'.repeat(10_000),
      });
      const profile = readProfile(doc);
      expect(profile.displayName).toBe('n'.repeat(MAX_NAME_LENGTH));
      expect(profile.replyWindow).toBe('w'.repeat(MAX_REPLY_WINDOW_LENGTH));
    });

    it('reads quiet hours only when start, end and time zone are all valid', () => {
      const bad: unknown[] = [
        null,
        [],
        { ...QUIET, start: '24:00' },
        { ...QUIET, end: '7:30' },
        { ...QUIET, timeZone: 'Mars/Olympus_Mons' },
        { ...QUIET, timeZone: 'x'.repeat(65) },
        { start: QUIET.start, end: QUIET.end },
      ];
      for (const raw of bad) {
        expect(readProfile(docWithSettings({ [SETTING.quietHours]: raw })).quietHours).toBeNull();
      }
      const extra = { ...QUIET, colour: 'blue' };
      expect(readProfile(docWithSettings({ [SETTING.quietHours]: extra })).quietHours).toEqual(
        QUIET,
      );
    });

    it('shows message previews only when explicitly turned on', () => {
      for (const [value, want] of [
        [true, true],
        [1, false],
        ['true', false],
        [false, false],
      ] as const) {
        const doc = docWithSettings({ [SETTING.notificationPreview]: value });
        expect(readProfile(doc).notificationPreview).toBe(want);
      }
    });
  });

  describe('ensureMemberId', () => {
    it('creates a member id once and returns the same one afterwards without writing', () => {
      const doc = new Y.Doc();
      const first = recordOrigins(doc);
      const id = ensureMemberId(doc);
      first.stop();
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(first.origins).toEqual([ORIGIN.local]);

      const before = Y.encodeStateAsUpdate(doc);
      const again = recordOrigins(doc);
      expect(ensureMemberId(doc)).toBe(id);
      again.stop();
      expect(again.origins).toEqual([]);
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
      expect(readProfile(doc).memberId).toBe(id);
    });

    it('keeps a member id that arrived from another device', () => {
      const laptop = new Y.Doc();
      const phone = new Y.Doc();
      const id = ensureMemberId(laptop);
      syncAll(laptop, phone);
      expect(ensureMemberId(phone)).toBe(id);
    });

    it('replaces a malformed member id with a fresh one', () => {
      const doc = docWithSettings({ [SETTING.memberId]: 7 });
      const id = ensureMemberId(doc);
      expect(typeof id).toBe('string');
      expect(id.length).toBeGreaterThan(0);
      expect(readProfile(doc).memberId).toBe(id);
    });

    it('settles on one member id after two devices pick one before they meet', () => {
      const laptop = new Y.Doc();
      const phone = new Y.Doc();
      const a = ensureMemberId(laptop);
      const b = ensureMemberId(phone);
      expect(a).not.toBe(b);
      syncAll(laptop, phone);
      const settled = readProfile(laptop).memberId;
      expect([a, b]).toContain(settled);
      expect(readProfile(phone).memberId).toBe(settled);
      expect(ensureMemberId(phone)).toBe(settled);
    });
  });

  describe('updateProfile', () => {
    it('writes every field of a patch in one local transaction', () => {
      const doc = new Y.Doc();
      const { origins, stop } = recordOrigins(doc);
      updateProfile(doc, {
        displayName: 'Ada',
        replyWindow: 'I usually reply within 2 days',
        quietHours: QUIET,
        undoSeconds: 30,
        coolOffMinutes: 45,
        notificationPreview: true,
      });
      stop();
      expect(origins).toEqual([ORIGIN.local]);
      expect(readProfile(doc)).toEqual({
        displayName: 'Ada',
        memberId: '',
        replyWindow: 'I usually reply within 2 days',
        quietHours: QUIET,
        undoSeconds: 30,
        coolOffMinutes: 45,
        notificationPreview: true,
      });
    });

    it('leaves fields the patch does not mention as they were', () => {
      const doc = new Y.Doc();
      updateProfile(doc, { displayName: 'Ada', undoSeconds: 5, quietHours: QUIET });
      updateProfile(doc, { replyWindow: 'weekends' });
      expect(readProfile(doc)).toMatchObject({
        displayName: 'Ada',
        undoSeconds: 5,
        quietHours: QUIET,
        replyWindow: 'weekends',
      });
    });

    it('collapses whitespace and caps a 10,000-character name and reply window', () => {
      const doc = new Y.Doc();
      updateProfile(doc, {
        displayName: '  Ada \n\t Lovelace  ',
        replyWindow: `  ${'slowly '.repeat(2000)}`,
      });
      expect(readProfile(doc).displayName).toBe('Ada Lovelace');
      updateProfile(doc, { displayName: 'x'.repeat(10_000) });
      const profile = readProfile(doc);
      expect(profile.displayName).toBe('x'.repeat(MAX_NAME_LENGTH));
      expect(settingsOf(doc).get(SETTING.displayName)).toHaveLength(MAX_NAME_LENGTH);
      expect(profile.replyWindow.length).toBeLessThanOrEqual(MAX_REPLY_WINDOW_LENGTH);
      expect(profile.replyWindow).toBe(profile.replyWindow.trim());
      expect(profile.replyWindow.startsWith('slowly slowly')).toBe(true);
    });

    it('clears quiet hours with null', () => {
      const doc = new Y.Doc();
      updateProfile(doc, { quietHours: QUIET });
      updateProfile(doc, { quietHours: null });
      expect(readProfile(doc).quietHours).toBeNull();
    });

    it('accepts the ends of each range and rounds fractions', () => {
      const doc = new Y.Doc();
      updateProfile(doc, { undoSeconds: 0, coolOffMinutes: 1 });
      expect(readProfile(doc)).toMatchObject({ undoSeconds: 0, coolOffMinutes: 1 });
      updateProfile(doc, { undoSeconds: 60, coolOffMinutes: 24 * 60 });
      expect(readProfile(doc)).toMatchObject({ undoSeconds: 60, coolOffMinutes: 24 * 60 });
      updateProfile(doc, { undoSeconds: 12.4, coolOffMinutes: 9.5 });
      expect(readProfile(doc)).toMatchObject({ undoSeconds: 12, coolOffMinutes: 10 });
    });

    const refusals: [string, ProfilePatch][] = [
      ['undo below 0', { undoSeconds: -1 }],
      ['undo above 60', { undoSeconds: 61 }],
      ['undo NaN', { undoSeconds: Number.NaN }],
      ['undo Infinity', { undoSeconds: Infinity }],
      ['cool-off of 0', { coolOffMinutes: 0 }],
      ['cool-off over a day', { coolOffMinutes: 24 * 60 + 1 }],
      ['cool-off NaN', { coolOffMinutes: Number.NaN }],
      ['quiet hours with a bad start', { quietHours: { ...QUIET, start: '9pm' } }],
      ['quiet hours with a bad end', { quietHours: { ...QUIET, end: '25:00' } }],
      ['quiet hours in an unknown zone', { quietHours: { ...QUIET, timeZone: 'Nowhere/Land' } }],
      [
        'a valid name next to a bad timing',
        { displayName: 'Mallory', replyWindow: 'never', undoSeconds: 1000 },
      ],
    ];

    it.each(refusals)('refuses %s and leaves the vault unchanged', (_label, patch) => {
      const doc = new Y.Doc();
      updateProfile(doc, { displayName: 'Ada', undoSeconds: 10, quietHours: QUIET });
      const before = Y.encodeStateAsUpdate(doc);
      const { origins, stop } = recordOrigins(doc);
      let caught: unknown;
      try {
        updateProfile(doc, patch);
      } catch (err) {
        caught = err;
      }
      stop();
      expect(caught).toBeInstanceOf(VaultError);
      expect((caught as VaultError).code).toBe('invalid-setting');
      expect(origins).toEqual([]);
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    });

    it('caps a name of emoji without splitting one, so every device reads the same name', () => {
      const laptop = new Y.Doc();
      const phone = new Y.Doc();
      updateProfile(laptop, { displayName: `a${'😀'.repeat(40)}` });
      syncAll(laptop, phone);
      const name = readProfile(laptop).displayName;
      expect(name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
      expect(name.startsWith(`a${'😀'.repeat(29)}`)).toBe(true);
      expect(name).not.toMatch(LONE_SURROGATE);
      expect(readProfile(phone).displayName).toBe(name);
    });
  });
});
