/**
 * The conversation as my screen shows it is built from my own record, against a contact whose
 * client is stock Yjs writing whatever it likes into the shared document: forging a message
 * as me, rewriting mine, changing or deleting theirs, backdating, dating far in the future.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  archiveTheirs,
  buildConversationView,
  hasUnread,
  listMessages,
  markerText,
  messagesOf,
  sharedHeld,
  toggleLabels,
  writeMessage,
  type ConversationItem,
  type Message,
} from '../../../src/lib/conversation';
import {
  addContact,
  draftBody,
  getContact,
  lastRead,
  listArchived,
  listSent,
  markDraftSent,
  markRead,
  openDraft,
  scheduleDraft,
  SETTING,
  settingsOf,
  unsentDraftIds,
  type ContactRecord,
} from '../../../src/lib/vault';
import { linkDocs } from '../../helpers/linked-docs';
import { createPrng } from '../../helpers/prng';

const ME = 'member-me';
const SAM = 'member-sam';
const CONTACT = 'contact-sam';

/** My vault and my copy of the conversation, and Sam's copy, linked like peers in one room. */
class Scene {
  readonly vault = new Y.Doc();
  readonly mine = new Y.Doc();
  readonly sam = new Y.Doc();
  readonly contact: ContactRecord;
  clock = new Date('2026-12-07T09:00:00.000Z');

  constructor() {
    linkDocs(this.mine, this.sam);
    settingsOf(this.vault).set(SETTING.memberId, ME);
    addContact(this.vault, {
      id: CONTACT,
      name: 'Sam',
      conversationSecret: 'secret',
      theirMemberId: SAM,
    });
    const contact = getContact(this.vault, CONTACT);
    if (!contact) throw new Error('no contact');
    this.contact = contact;
  }

  get iso(): string {
    return this.clock.toISOString();
  }

  tick(minutes = 1): void {
    this.clock = new Date(this.clock.getTime() + minutes * 60_000);
  }

  /** What delivery does: the draft's words into the conversation, then the draft marked sent. */
  send(text: string, replyTo: string | null = null): string {
    const id = this.draft(text, replyTo);
    writeMessage(this.mine, {
      id,
      from: ME,
      text,
      sentAt: this.iso,
      ...(replyTo ? { replyTo } : {}),
    });
    markDraftSent(this.vault, id, this.clock);
    return id;
  }

  /** A draft of mine, scheduled but not marked sent here. */
  draft(text: string, replyTo: string | null = null): string {
    const id = openDraft(this.vault, CONTACT, replyTo, this.clock);
    draftBody(this.vault, id).insert(0, text);
    scheduleDraft(this.vault, id, this.clock, { undoable: true }, this.clock);
    return id;
  }

  /** Sam's client writes a raw value, as stock Yjs would: any id, any sender, any date. */
  samWrites(message: Partial<Message> & { id: string; text: string }): void {
    this.sam.transact(() =>
      messagesOf(this.sam).set(message.id, { from: SAM, sentAt: this.iso, ...message }),
    );
  }

  samDeletes(id: string): void {
    this.sam.transact(() => messagesOf(this.sam).delete(id));
  }

  /** Sam sends a message the ordinary way, and my device archives it (ArrivalsState). */
  samSends(id: string, text: string, extra: Partial<Message> = {}): void {
    this.samWrites({ id, text, ...extra });
    this.arrive();
  }

  arrive(): void {
    archiveTheirs(this.vault, this.contact, listMessages(this.mine), this.clock);
  }

  view(shared: readonly Message[] | null = listMessages(this.mine)): ConversationItem[] {
    return buildConversationView({
      sent: listSent(this.vault, CONTACT),
      archived: listArchived(this.vault, CONTACT, this.clock),
      shared,
      sharedHeld: (id) => sharedHeld(this.mine, id),
      myMemberId: ME,
      theirMemberId: SAM,
      unsentDraftIds: unsentDraftIds(this.vault, CONTACT),
      now: this.clock,
      lastRead: lastRead(this.vault, CONTACT, this.clock),
    });
  }

  /** What the conversation screen does when I look at it. */
  read(): void {
    const latest = this.view().at(-1);
    if (latest) markRead(this.vault, CONTACT, latest.at, this.clock);
  }

  item(id: string): ConversationItem {
    const found = this.view().find((i) => i.id === id);
    if (!found) throw new Error(`${id} is not shown`);
    return found;
  }
}

/** The ids my own record says I sent. */
const sentIds = (scene: Scene): Set<string> =>
  new Set(listSent(scene.vault, CONTACT).map((m) => m.id));

describe('buildConversationView', () => {
  it('shows what I sent as mine and what Sam sent as theirs, in the order I saw them', () => {
    const scene = new Scene();
    scene.samSends('s1', 'Are you free Friday?');
    scene.tick();
    const reply = scene.send('I can’t make it Friday', 's1');
    scene.tick();
    scene.samSends('s2', 'No problem.');
    expect(scene.view()).toEqual([
      {
        id: 's1',
        mine: false,
        text: 'Are you free Friday?',
        replyTo: null,
        at: '2026-12-07T09:00:00.000Z',
        claimedSentAt: '2026-12-07T09:00:00.000Z',
        unread: true,
        markers: [],
        other: null,
      },
      {
        id: reply,
        mine: true,
        text: 'I can’t make it Friday',
        replyTo: 's1',
        at: '2026-12-07T09:01:00.000Z',
        claimedSentAt: null,
        unread: false,
        markers: [],
        other: null,
      },
      expect.objectContaining({ id: 's2', mine: false, at: '2026-12-07T09:02:00.000Z' }),
    ]);
  });

  it('shows a message forged under my member id on their side, marked, never as mine', () => {
    const scene = new Scene();
    scene.send('Hello');
    scene.tick();
    scene.samWrites({ id: 'forged', from: ME, text: 'I never want to see you again.' });
    // Arriving right now, before it is archived, and after: the same.
    for (const when of ['arriving', 'archived']) {
      if (when === 'archived') scene.arrive();
      const forged = scene.item('forged');
      expect(forged, when).toMatchObject({
        mine: false,
        text: 'I never want to see you again.',
        markers: ['claims-to-be-me'],
        unread: true,
      });
    }
    expect(
      scene
        .view()
        .filter((i) => i.mine)
        .map((i) => i.text),
    ).toEqual(['Hello']);
  });

  it('does not let a forgery borrow the id of a message I sent', () => {
    const scene = new Scene();
    const id = scene.send('I can’t make it Friday');
    scene.tick();
    scene.samWrites({ id, from: ME, text: 'Fine, I will come' });
    scene.arrive();
    expect(scene.view()).toEqual([
      expect.objectContaining({
        id,
        mine: true,
        text: 'I can’t make it Friday',
        markers: ['their-copy-differs'],
        other: { text: 'Fine, I will come', replyTo: null },
      }),
    ]);
    expect(listArchived(scene.vault, CONTACT)).toEqual([]);
  });

  it('shows my message as I sent it when Sam takes it over, re-aims it, or deletes it', () => {
    const scene = new Scene();
    const taken = scene.send('That was my idea');
    const aimed = scene.send('Agreed');
    const gone = scene.send('See you then');
    scene.samWrites({ id: taken, from: SAM, text: 'That was my idea' });
    scene.samWrites({ id: aimed, from: ME, text: 'Agreed', replyTo: 'something-else' });
    scene.samDeletes(gone);
    expect(scene.item(taken)).toMatchObject({ mine: true, markers: ['their-copy-differs'] });
    expect(scene.item(aimed)).toMatchObject({
      mine: true,
      replyTo: null,
      markers: ['their-copy-differs'],
      other: { text: 'Agreed', replyTo: 'something-else' },
    });
    expect(scene.item(gone)).toMatchObject({
      mine: true,
      text: 'See you then',
      markers: ['not-in-shared'],
      other: null,
    });
  });

  it('shows the new version of a message Sam changed, with my original kept', () => {
    const scene = new Scene();
    scene.samSends('s1', 'You are always late.');
    scene.tick();
    scene.samWrites({ id: 's1', text: 'Running late, sorry.', replyTo: 'x' });
    scene.arrive();
    expect(scene.item('s1')).toMatchObject({
      mine: false,
      text: 'Running late, sorry.',
      replyTo: 'x',
      at: '2026-12-07T09:00:00.000Z',
      markers: ['changed'],
      other: { text: 'You are always late.', replyTo: null },
    });
    expect(listArchived(scene.vault, CONTACT)[0]?.text).toBe('You are always late.');
  });

  it('keeps a message Sam deleted, from my archive, marked as removed', () => {
    const scene = new Scene();
    scene.samSends('threat', 'You will regret this.');
    scene.tick();
    scene.samDeletes('threat');
    expect(listMessages(scene.mine)).toEqual([]);
    expect(scene.item('threat')).toMatchObject({
      mine: false,
      text: 'You will regret this.',
      markers: ['removed'],
    });
  });

  it('places a backdated message where my device first saw it, not where it claims', () => {
    const scene = new Scene();
    scene.samSends('s1', 'First');
    scene.tick();
    scene.send('Second');
    scene.tick();
    scene.samSends('old', 'I told you so last year', { sentAt: '2025-01-01T00:00:00.000Z' });
    expect(scene.view().map((i) => i.text)).toEqual(['First', 'Second', 'I told you so last year']);
    expect(scene.item('old')).toMatchObject({
      at: '2026-12-07T09:02:00.000Z',
      claimedSentAt: '2025-01-01T00:00:00.000Z',
    });
  });

  it('keeps the next real message unread after one dated far in the future', () => {
    const scene = new Scene();
    scene.samSends('future', 'From the future', { sentAt: '2099-01-01T00:00:00.000Z' });
    scene.read();
    expect(hasUnread(scene.view())).toBe(false);
    scene.tick(60);
    scene.samSends('next', 'A real message');
    expect(scene.view().map((i) => [i.id, i.unread])).toEqual([
      ['future', false],
      ['next', true],
    ]);
    scene.read();
    expect(hasUnread(scene.view())).toBe(false);
  });

  it('keeps the next message unread after a far-future read mark an older Mull wrote', () => {
    const scene = new Scene();
    scene.samSends('future', 'From the future', { sentAt: '2099-01-01T00:00:00.000Z' });
    markRead(scene.vault, CONTACT, '2099-01-01T00:00:00.000Z', new Date('2099-01-02'));
    scene.tick(60);
    scene.samSends('next', 'A real message');
    expect(scene.item('next').unread).toBe(true);
    expect(scene.item('future').unread).toBe(false);
  });

  it('marks a message from an unknown member id as coming from their side', () => {
    const scene = new Scene();
    scene.samSends('odd', 'Who is this?', { from: 'member-nobody' });
    expect(scene.item('odd')).toMatchObject({ mine: false, markers: ['unknown-sender'] });
  });

  it('shows as mine a message another of my devices delivered before my vault caught up', () => {
    const scene = new Scene();
    const id = scene.draft('Sent from my phone');
    writeMessage(scene.mine, { id, from: ME, text: 'Sent from my phone', sentAt: scene.iso });
    scene.arrive();
    expect(listArchived(scene.vault, CONTACT)).toEqual([]); // my own: not archived as theirs
    expect(scene.item(id)).toMatchObject({ mine: true, markers: [], unread: false });
    markDraftSent(scene.vault, id, scene.clock);
    expect(scene.item(id)).toMatchObject({ mine: true, markers: [], text: 'Sent from my phone' });
  });

  it('does not take a draft id under Sam’s name as mine', () => {
    const scene = new Scene();
    const id = scene.draft('not sent');
    scene.samWrites({ id, from: SAM, text: 'guessed' });
    expect(scene.item(id)).toMatchObject({ mine: false, markers: [] });
  });

  it('adds no note on a device whose copy of the conversation has not caught up', () => {
    const scene = new Scene();
    scene.samSends('s1', 'Hi');
    scene.tick();
    const id = scene.send('Hello');
    const fresh = new Y.Doc(); // a new device: my vault arrived, the conversation not yet
    const view = buildConversationView({
      sent: listSent(scene.vault, CONTACT),
      archived: listArchived(scene.vault, CONTACT, scene.clock),
      shared: listMessages(fresh),
      sharedHeld: (key) => sharedHeld(fresh, key),
      myMemberId: ME,
      theirMemberId: SAM,
      unsentDraftIds: new Set(),
      now: scene.clock,
    });
    expect(view.map((i) => [i.id, i.markers])).toEqual([
      ['s1', []],
      [id, []],
    ]);
    // Once it has caught up, a removal that happened meanwhile is noted.
    scene.samDeletes('s1');
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(scene.mine));
    expect(sharedHeld(fresh, 's1')).toBe(true);
  });

  it('notes a message Sam replaced with something unreadable as removed', () => {
    const scene = new Scene();
    scene.samSends('s1', 'Hi');
    scene.sam.transact(() => messagesOf(scene.sam).set('s1', { id: 's1', text: 42 }));
    expect(scene.item('s1')).toMatchObject({ text: 'Hi', markers: ['removed'] });
  });

  it('compares nothing while the shared document has not loaded', () => {
    const scene = new Scene();
    scene.samSends('s1', 'Hi');
    scene.tick();
    scene.send('Hello');
    scene.samDeletes('s1');
    expect(scene.view(null).map((i) => i.markers)).toEqual([[], []]);
    expect(scene.view(null).map((i) => i.text)).toEqual(['Hi', 'Hello']);
  });

  it('orders by the time seen on my side, ties by id', () => {
    const scene = new Scene();
    const now = scene.clock;
    const view = buildConversationView({
      sent: [{ id: 'b', text: 'mine', sentAt: now.toISOString() }],
      archived: [
        {
          id: 'c',
          from: SAM,
          text: 'c',
          sentAt: '2000-01-01T00:00:00.000Z',
          firstSeenAt: now.toISOString(),
        },
        {
          id: 'a',
          from: SAM,
          text: 'a',
          sentAt: '2099-01-01T00:00:00.000Z',
          firstSeenAt: now.toISOString(),
        },
      ],
      shared: null,
      myMemberId: ME,
      theirMemberId: SAM,
      unsentDraftIds: new Set(),
      now,
    });
    expect(view.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(view.map((i) => i.unread)).toEqual([true, false, true]);
  });

  it('uses the time this device first saw a message not archived yet, when given', () => {
    const scene = new Scene();
    scene.samWrites({ id: 'new', text: 'Just now' });
    const firstSeen = new Map([['new', '2026-12-07T08:59:00.000Z']]);
    const view = buildConversationView({
      sent: [],
      archived: [],
      shared: listMessages(scene.mine),
      myMemberId: ME,
      theirMemberId: SAM,
      unsentDraftIds: new Set(),
      now: scene.clock,
      firstSeen,
    });
    expect(view[0]?.at).toBe('2026-12-07T08:59:00.000Z');
  });

  it.each([1, 2, 3, 42, 2026])(
    'never shows as mine anything my record does not say I sent (seed %i)',
    (seed) => {
      const rnd = createPrng(seed);
      const scene = new Scene();
      const ids: string[] = [];
      const markersSeen = new Set<string>();
      for (let step = 0; step < 60; step++) {
        scene.tick(rnd.int(0, 3));
        const roll = rnd.next();
        if (roll < 0.2) ids.push(scene.send(`mine ${step}`));
        else if (roll < 0.3) ids.push(scene.draft(`draft ${step}`));
        else if (roll < 0.9 || ids.length === 0) {
          const id = rnd.next() < 0.5 && ids.length ? rnd.pick(ids) : `sam-${step}`;
          scene.samWrites({
            id,
            from: rnd.pick([ME, SAM, 'member-nobody']),
            text: `sam ${step}`,
            sentAt: rnd.pick(['2000-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z', scene.iso]),
            ...(rnd.next() < 0.3 && ids.length ? { replyTo: rnd.pick(ids) } : {}),
          });
          ids.push(id);
        } else scene.samDeletes(rnd.pick(ids));
        if (rnd.next() < 0.5) scene.arrive();
        if (rnd.next() < 0.2) scene.read();

        const sent = sentIds(scene);
        const pending = unsentDraftIds(scene.vault, CONTACT);
        const shared = new Map(listMessages(scene.mine).map((m) => [m.id, m]));
        const view = scene.view();
        for (const item of view) {
          if (!item.mine) continue;
          const claimed = shared.get(item.id);
          const mineByPendingDraft = pending.has(item.id) && claimed?.from === ME;
          expect(sent.has(item.id) || mineByPendingDraft, item.id).toBe(true);
          if (sent.has(item.id)) {
            const record = listSent(scene.vault, CONTACT).find((m) => m.id === item.id);
            expect(item.text).toBe(record?.text);
          }
        }
        expect(view.filter((i) => i.mine && i.unread)).toEqual([]);
        expect(new Set(view.map((i) => i.id)).size).toBe(view.length);
        const times = view.map((i) => i.at);
        expect(times).toEqual([...times].sort());
        for (const item of view) item.markers.forEach((m) => markersSeen.add(m));
      }
      // Not vacuous: the attacker's writes were shown, and marked.
      expect(markersSeen.has('claims-to-be-me')).toBe(true);
      expect(markersSeen.has('their-copy-differs') || markersSeen.has('not-in-shared')).toBe(true);
    },
  );
});

describe('markerText', () => {
  it('says each disagreement calmly, with the contact’s name', () => {
    expect(markerText('changed', 'Sam')).toBe('Sam changed this message after sending.');
    expect(markerText('removed', 'Sam')).toBe(
      'Sam removed this message. It stays in your own record.',
    );
    expect(markerText('claims-to-be-me', 'Sam')).toBe(
      "This message claims to be from you. It isn't.",
    );
    expect(markerText('their-copy-differs', 'Sam')).toBe(
      'Sam’s copy of this message says something else. You see what you sent.',
    );
    expect(markerText('not-in-shared', 'Sam')).toBe(
      'This message is no longer in the shared conversation. You see what you sent.',
    );
    expect(markerText('unknown-sender', 'Sam')).toBe(
      'This came from Sam’s side under a name Mull doesn’t know.',
    );
    expect(toggleLabels('changed')).toEqual(['Show the original', 'Show the new version']);
    expect(toggleLabels('their-copy-differs')).toEqual(['Show their copy', 'Show what you sent']);
  });
});
