/**
 * Where the home peer reads its invite — a prompt, a pipe, a file, never argv — and what a
 * person reads when it is not a device invite it can use.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CONTACT_INVITE_MESSAGE,
  PASTE_ATTEMPTS,
  PASTE_PROMPT,
  readDeviceInvite,
  readFirstLine,
} from '../../../server/home-peer/invite-input';
import {
  createInvite,
  encodeBase64Url,
  encodeInvite,
  INVITE_TTL_MS,
  inviteLink,
  type Invite,
} from '../../../src/lib/keys';
import { crc32 } from '../../../src/lib/keys/crc32';
import { createInviterKeys } from '../../../src/lib/sync/pair-crypto';
import { scriptedTerminal } from '../../helpers/home-peer/scripted-terminal';

const NOW = new Date('2026-03-01T14:00:00Z');
const keyHash = (await createInviterKeys()).keyHash;
const OLD_FORMAT_MESSAGE = 'This invite is from an older version of Mull; ask for a new one.';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mull-invite-input-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const device = (): Invite => createInvite('device', keyHash, NOW);

/** A version 1 invite (no key hash), as Mull made them before pairing pinned the inviter. */
function oldFormatCode(): string {
  const payload = new Uint8Array(42);
  const view = new DataView(payload.buffer);
  payload[0] = 1;
  payload[1] = 'd'.charCodeAt(0);
  view.setUint32(2, NOW.getTime() / 1000 + 300);
  payload.set(crypto.getRandomValues(new Uint8Array(32)), 6);
  view.setUint32(38, crc32(payload.subarray(0, 38)));
  return `d.${encodeBase64Url(payload)}`;
}

const piped = (text: string) => ({
  stdin: Readable.from([Buffer.from(text)]),
  terminal: null,
  now: () => NOW,
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect((err as Error).name).toBe('InviteInputError');
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('reading the invite from a pipe (--join -)', () => {
  it('takes the first line that is not blank, a code or a whole link', async () => {
    const invite = device();
    for (const text of [
      `${encodeInvite(invite)}\n`,
      `\n  \r\n${inviteLink('https://mull.example', invite)}\r\nsomething else\n`,
      encodeInvite(invite), // no line break at all
    ]) {
      const read = await readDeviceInvite({ from: 'stdin' }, piped(text));
      expect(read.secret).toEqual(invite.secret);
      expect(read.inviterKeyHash).toEqual(keyHash);
    }
  });

  it('reads no further than the first line, even from a stream that never ends', async () => {
    const stream = new PassThrough();
    stream.write(`${encodeInvite(device())}\n`);
    const stopped = new Promise((resolve) => stream.once('close', resolve));
    await expect(readFirstLine(stream)).resolves.toMatch(/^d\./);
    await stopped;

    const endless = new Readable({ read: () => void endless.push('x'.repeat(1024)) });
    const message = await refusal(
      readDeviceInvite({ from: 'stdin' }, { stdin: endless, terminal: null }),
    );
    expect(message).toMatch(/far longer than an invite/);
  });

  it('says what to do when nothing came', async () => {
    expect(await refusal(readDeviceInvite({ from: 'stdin' }, piped('\n \n')))).toMatch(
      /^No invite came on standard input\. Paste it when asked/,
    );
  });

  it('refuses a contact invite, an old-format one, an expired one and a typo, each in its own words', async () => {
    const contact = encodeInvite(createInvite('contact', keyHash, NOW));
    expect(await refusal(readDeviceInvite({ from: 'stdin' }, piped(contact)))).toBe(
      CONTACT_INVITE_MESSAGE,
    );
    expect(await refusal(readDeviceInvite({ from: 'stdin' }, piped(oldFormatCode())))).toBe(
      OLD_FORMAT_MESSAGE,
    );
    const expired = encodeInvite(
      createInvite('device', keyHash, new Date(NOW.getTime() - INVITE_TTL_MS - 1000)),
    );
    expect(await refusal(readDeviceInvite({ from: 'stdin' }, piped(expired)))).toMatch(
      /^This invite expired at .*Ask for a new one/,
    );
    const code = encodeInvite(device());
    const typo = code.slice(0, 10) + (code[10] === 'A' ? 'B' : 'A') + code.slice(11);
    const message = await refusal(readDeviceInvite({ from: 'stdin' }, piped(typo)));
    expect(message).toMatch(/probably a typo/);
    expect(message).not.toContain(typo.slice(2, 14));
  });
});

describe('reading the invite from a file (--invite-file)', () => {
  it('reads a code or a link, with whatever line breaks the file has', async () => {
    const invite = device();
    const path = join(dir, 'invite.txt');
    writeFileSync(path, `${inviteLink('https://mull.example', invite)}\n`, { mode: 0o600 });
    const read = await readDeviceInvite({ from: 'file', path }, piped(''));
    expect(read.secret).toEqual(invite.secret);
  });

  it('says plainly when the file is missing, a folder, or not an invite', async () => {
    const missing = join(dir, 'nope.txt');
    expect(await refusal(readDeviceInvite({ from: 'file', path: missing }, piped('')))).toBe(
      `There is no invite file at ${missing}.`,
    );
    mkdirSync(join(dir, 'folder'));
    expect(
      await refusal(readDeviceInvite({ from: 'file', path: join(dir, 'folder') }, piped(''))),
    ).toMatch(/is a folder, not an invite file/);
    const old = join(dir, 'old.txt');
    writeFileSync(old, oldFormatCode());
    expect(await refusal(readDeviceInvite({ from: 'file', path: old }, piped('')))).toBe(
      OLD_FORMAT_MESSAGE,
    );
  });
});

describe('asking for the invite at a terminal (--join)', () => {
  it('asks for it, and asks again after a mistake, saying what was wrong', async () => {
    const invite = device();
    const terminal = scriptedTerminal(['', oldFormatCode(), ` ${encodeInvite(invite)} `]);
    const read = await readDeviceInvite(
      { from: 'stdin' },
      { stdin: Readable.from([]), terminal, now: () => NOW },
    );
    expect(read.secret).toEqual(invite.secret);
    expect(terminal.asked).toEqual([PASTE_PROMPT, PASTE_PROMPT, PASTE_PROMPT]);
    expect(PASTE_PROMPT).toBe('Paste the invite link or code: ');
    expect(terminal.said).toEqual(['Paste an invite link or code first.', OLD_FORMAT_MESSAGE]);
  });

  it(`gives up after ${PASTE_ATTEMPTS} wrong pastes, and when input ends`, async () => {
    const wrong = scriptedTerminal(['nope', 'nope', 'nope', encodeInvite(device())]);
    const message = await refusal(
      readDeviceInvite({ from: 'stdin' }, { stdin: Readable.from([]), terminal: wrong }),
    );
    expect(message).toMatch(/doesn’t look like a Mull invite/);
    expect(wrong.asked).toHaveLength(PASTE_ATTEMPTS);

    const ended = scriptedTerminal([null]);
    expect(
      await refusal(
        readDeviceInvite({ from: 'stdin' }, { stdin: Readable.from([]), terminal: ended }),
      ),
    ).toBe('No invite was pasted. Nothing was changed.');
  });

  it('reads a pipe, not the terminal, when standard input is not the terminal', async () => {
    const invite = device();
    const tty = scriptedTerminal(['should not be asked'], { isStdin: false });
    const read = await readDeviceInvite(
      { from: 'stdin' },
      { ...piped(encodeInvite(invite)), terminal: tty },
    );
    expect(read.secret).toEqual(invite.secret);
    expect(tty.asked).toEqual([]);
  });
});
