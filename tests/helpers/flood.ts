/**
 * A hostile contact's client for budget tests: stock Yjs writing one valid 20,000-character
 * message after another into a conversation, each update sent as any client sends it (in
 * parts past 16 KiB) into a connection made with ../unit/reliability/support/fake-wrtc.ts.
 */
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebrtcConn } from 'y-webrtc';
import * as Y from 'yjs';
import { MESSAGE, splitMessage } from '../../src/lib/sync/peer-guard';
import { isClosed, receiveFrame } from '../unit/reliability/support/fake-wrtc';

/** One update as y-webrtc sends it. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

/**
 * Floods `conn` until it is closed or `maxBytes` have been sent; returns the bytes sent. It
 * yields to the event loop now and then, as a network would.
 */
export async function flood(conn: WebrtcConn, maxBytes: number): Promise<number> {
  const theirs = new Y.Doc();
  let sentBytes = 0;
  let i = 0;
  theirs.on('update', (update: Uint8Array) => {
    const message = updateMessage(update);
    sentBytes += message.length;
    for (const frame of splitMessage(message)) receiveFrame(conn, frame);
  });
  while (!isClosed(conn) && sentBytes < maxBytes) {
    theirs.getMap('messages').set(`flood-${i}`, {
      id: `flood-${i}`,
      from: 'them',
      text: `${i} ${'x'.repeat(20_000)}`,
      sentAt: '2026-01-01T00:00:00.000Z',
    });
    i++;
    if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  theirs.destroy();
  return sentBytes;
}
