import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  archiveTheirs,
  arrivalNotification,
  NOTIFICATION_PREVIEW_CHARS,
  type Message,
} from '../../../src/lib/conversation';
import { listArchived, openDraft, readProfile, type ContactRecord } from '../../../src/lib/vault';

const THEM = 'member-them';
const contact: ContactRecord = {
  id: 'c1',
  name: 'Sam',
  conversationSecret: 'secret',
  theirMemberId: THEM,
  addedAt: '2026-01-01T00:00:00.000Z',
  removedAt: null,
};
const msg = (id: string, from: string, text = `text ${id}`): Message => ({
  id,
  from,
  text,
  sentAt: `2026-01-02T09:00:0${id.length}.000Z`,
});
const NOW = new Date('2026-01-03T09:00:00.000Z');
const away = { permission: 'granted', visible: false, now: new Date() } as const;

describe('archiveTheirs', () => {
  it('keeps what came from their side, and names the newest only when something was new', () => {
    const vault = new Y.Doc();
    const messages = [msg('a', THEM), msg('ccc', THEM)];
    expect(archiveTheirs(vault, contact, messages, NOW)?.id).toBe('ccc');
    expect(listArchived(vault, contact.id).map((m) => [m.id, m.firstSeenAt])).toEqual([
      ['a', '2026-01-03T08:59:59.999Z'],
      ['ccc', NOW.toISOString()],
    ]);
    expect(archiveTheirs(vault, contact, messages, NOW)).toBeNull();
  });

  it('leaves out my own messages (my drafts), and keeps one that only claims to be mine', () => {
    const vault = new Y.Doc();
    const draftId = openDraft(vault, contact.id);
    const messages = [msg(draftId, 'me'), msg('forged', 'me'), msg('odd', 'member-unknown')];
    // Nothing of theirs to notify about: only messages under their member id are.
    expect(archiveTheirs(vault, contact, messages, NOW)).toBeNull();
    expect(listArchived(vault, contact.id).map((m) => [m.id, m.from])).toEqual([
      ['forged', 'me'],
      ['odd', 'member-unknown'],
    ]);
  });
});

describe('arrivalNotification', () => {
  const profile = readProfile(new Y.Doc());

  it('says a message is waiting, without its words unless previews are allowed', () => {
    const long = msg('a', THEM, 'x'.repeat(500));
    expect(arrivalNotification(contact, long, profile, away)).toEqual({
      title: 'From Sam',
      options: { tag: 'mull-conversation-c1', body: 'A new message is waiting.' },
    });
    const preview = { ...profile, notificationPreview: true };
    expect(arrivalNotification(contact, long, preview, away)?.options.body).toHaveLength(
      NOTIFICATION_PREVIEW_CHARS,
    );
  });

  it('stays silent without permission, while Mull is in front, and in my quiet hours', () => {
    const m = msg('a', THEM);
    expect(arrivalNotification(contact, m, profile, { ...away, permission: 'default' })).toBe(null);
    expect(arrivalNotification(contact, m, profile, { ...away, visible: true })).toBeNull();
    const allDay = { start: '00:00', end: '23:59', timeZone: 'UTC' };
    const quiet = { ...profile, quietHours: allDay };
    const now = new Date('2026-01-02T12:00:00.000Z');
    expect(arrivalNotification(contact, m, quiet, { ...away, now })).toBeNull();
  });
});
