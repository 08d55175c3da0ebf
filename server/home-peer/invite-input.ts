/**
 * Reading the invite to pair with, from anywhere but the command line (config.ts says why):
 *
 * - `--join` with standard input a terminal: asks "Paste the invite link or code:", and asks
 *   again (up to `PASTE_ATTEMPTS` times) when what was pasted is not a device invite;
 * - `--join -` with standard input a pipe or a file: its first line that is not blank;
 * - `--invite-file <path>`: the file's text.
 *
 * What is read is judged by `parseInvite`, whose messages say what is wrong and what to do;
 * the invite itself is never repeated.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { MAX_INVITE_INPUT_CHARS, parseInvite, type Invite } from '../../src/lib/keys';
import type { InviteSource } from './config';
import type { Terminal } from './terminal';

export const PASTE_PROMPT = 'Paste the invite link or code: ';
/** A typo is worth another try at a prompt; three wrong pastes mean something else is wrong. */
export const PASTE_ATTEMPTS = 3;
/**
 * Read no further than this: longer is never an invite (`parseInvite` refuses anything past
 * MAX_INVITE_INPUT_CHARS as too long), and `--join -` fed an endless stream must not hang.
 */
const MAX_READ_BYTES = MAX_INVITE_INPUT_CHARS * 4 + 4;

export const CONTACT_INVITE_MESSAGE =
  'This is an invite to talk with someone. A home peer joins as one of your devices: make the invite in Settings → Your devices → Add a device.';

export class InviteInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InviteInputError';
  }
}

export type DeviceInviteResult = { ok: true; invite: Invite } | { ok: false; message: string };

/** A device invite from pasted text, or the sentence that says why not. */
export function parseDeviceInvite(text: string, now: Date = new Date()): DeviceInviteResult {
  const parsed = parseInvite(text, now);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  if (parsed.invite.kind !== 'device') return { ok: false, message: CONTACT_INVITE_MESSAGE };
  return { ok: true, invite: parsed.invite };
}

export interface InviteInput {
  /** Standard input, read when it is not a terminal. */
  stdin: NodeJS.ReadableStream;
  /** Where to ask when standard input is a terminal (`terminal.isStdin`). */
  terminal: Terminal | null;
  now?: () => Date;
}

/** The device invite from `source`; throws `InviteInputError` with a message for people. */
export async function readDeviceInvite(
  source: InviteSource,
  { stdin, terminal, now = () => new Date() }: InviteInput,
): Promise<Invite> {
  if (source.from === 'file') return orThrow(parseDeviceInvite(readInviteFile(source.path), now()));
  if (terminal?.isStdin) return askForInvite(terminal, now);
  const line = await readFirstLine(stdin);
  if (line === null) {
    throw new InviteInputError(
      'No invite came on standard input. Paste it when asked (start with --join in a terminal), or pipe it in: … | npm run home-peer -- --data <dir> --join -',
    );
  }
  return orThrow(parseDeviceInvite(line, now()));
}

function orThrow(result: DeviceInviteResult): Invite {
  if (!result.ok) throw new InviteInputError(result.message);
  return result.invite;
}

async function askForInvite(terminal: Terminal, now: () => Date): Promise<Invite> {
  let message = '';
  for (let attempt = 1; attempt <= PASTE_ATTEMPTS; attempt++) {
    const answer = await terminal.ask(PASTE_PROMPT);
    if (answer === null) throw new InviteInputError('No invite was pasted. Nothing was changed.');
    const result = parseDeviceInvite(answer, now());
    if (result.ok) return result.invite;
    message = result.message;
    if (attempt < PASTE_ATTEMPTS) terminal.say(message);
  }
  throw new InviteInputError(message);
}

/** The text of an invite file (no more than MAX_READ_BYTES of it). */
export function readInviteFile(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw new InviteInputError(`There is no invite file at ${path}.`);
    if (code === 'EACCES') {
      throw new InviteInputError(
        `The invite file ${path} can’t be read by this user. Make it readable, or pipe the invite in with --join -.`,
      );
    }
    throw new InviteInputError(`The invite file ${path} can’t be read (${code ?? 'error'}).`);
  }
  try {
    const buffer = Buffer.alloc(MAX_READ_BYTES);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EISDIR') throw new InviteInputError(`${path} is a folder, not an invite file.`);
    throw new InviteInputError(`The invite file ${path} can’t be read (${code ?? 'error'}).`);
  } finally {
    closeSync(fd);
  }
}

/**
 * The first line of `input` that is not blank, or null when it ends without one. Stops reading
 * there (or after MAX_READ_BYTES without a line break, returning what came).
 */
export async function readFirstLine(input: NodeJS.ReadableStream): Promise<string | null> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let bytes = 0;
  try {
    for await (const chunk of input) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      bytes += buffer.length;
      pending += decoder.write(buffer);
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      const line = lines.find((l) => l.trim() !== '');
      if (line !== undefined) return line;
      if (bytes >= MAX_READ_BYTES) return pending;
    }
  } finally {
    // Nothing more is wanted from it (a `yes |` would go on for ever).
    (input as { destroy?: () => void }).destroy?.();
  }
  pending += decoder.end();
  return pending.trim() === '' ? null : pending;
}
