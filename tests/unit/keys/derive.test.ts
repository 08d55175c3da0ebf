import { describe, expect, it } from 'vitest';
import {
  createSecret,
  deriveRoom,
  docId,
  KeyError,
  ROOM_KINDS,
  roomName,
  roomPassword,
  type RoomKind,
} from '../../../src/lib/keys';
import { createPrng } from '../../helpers/prng';

const seededSecret = (seed: number): Uint8Array => {
  const prng = createPrng(seed);
  return Uint8Array.from({ length: 32 }, () => prng.int(0, 255));
};

const FUNCTIONS = { roomName, roomPassword, docId };

async function rejection(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    return err instanceof KeyError ? err.code : `not a KeyError: ${String(err)}`;
  }
  return undefined;
}

describe('derived strings', () => {
  it('have the documented shapes', async () => {
    const secret = seededSecret(7);
    for (const kind of ROOM_KINDS) {
      expect(await roomName(secret, kind)).toMatch(new RegExp(`^mull-${kind}-[A-Za-z0-9_-]{22}$`));
      expect(await roomPassword(secret, kind)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await docId(secret, kind)).toMatch(new RegExp(`^${kind}-[A-Za-z0-9_-]{16}$`));
    }
  });

  it('are the same every time for the same secret', async () => {
    const secret = seededSecret(8);
    expect(await deriveRoom(secret, 'conv')).toEqual(
      await deriveRoom(new Uint8Array(secret), 'conv'),
    );
  });

  it('leave the secret untouched', async () => {
    const secret = seededSecret(9);
    const copy = new Uint8Array(secret);
    await deriveRoom(secret, 'vault');
    expect(secret).toEqual(copy);
  });

  it('come out together from deriveRoom', async () => {
    const secret = seededSecret(10);
    expect(await deriveRoom(secret, 'pair')).toEqual({
      name: await roomName(secret, 'pair'),
      password: await roomPassword(secret, 'pair'),
      docId: await docId(secret, 'pair'),
    });
  });

  it('accept a secret that is a view into a larger buffer', async () => {
    const secret = seededSecret(11);
    const big = new Uint8Array(100);
    big.set(secret, 40);
    expect(await roomPassword(big.subarray(40, 72), 'vault')).toBe(
      await roomPassword(secret, 'vault'),
    );
  });
});

describe('independence', () => {
  it('never gives the same bytes to two kinds or two purposes of one secret', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const secret = seededSecret(seed);
      const outputs: string[] = [];
      for (const kind of ROOM_KINDS) {
        const room = await deriveRoom(secret, kind);
        // Strip the readable prefixes: the random parts themselves must differ.
        outputs.push(room.name.replace(`mull-${kind}-`, ''));
        outputs.push(room.password);
        outputs.push(room.docId.replace(`${kind}-`, ''));
      }
      expect(outputs).toHaveLength(9);
      // No output is a prefix of another (e.g. the 12-byte id is not the start of the password).
      for (const a of outputs) {
        for (const b of outputs) if (a !== b) expect(b.startsWith(a.slice(0, 16))).toBe(false);
      }
      expect(new Set(outputs).size).toBe(9);
    }
  });

  it('gives every secret its own rooms', async () => {
    const names = new Set<string>();
    for (let seed = 0; seed < 50; seed++) names.add(await roomName(seededSecret(seed), 'vault'));
    expect(names.size).toBe(50);
  });

  it('changes every output when one bit of the secret changes', async () => {
    const secret = seededSecret(12);
    const flipped = new Uint8Array(secret);
    flipped[31] = (flipped[31] as number) ^ 1;
    const [a, b] = await Promise.all([deriveRoom(secret, 'vault'), deriveRoom(flipped, 'vault')]);
    expect(a.name).not.toBe(b.name);
    expect(a.password).not.toBe(b.password);
    expect(a.docId).not.toBe(b.docId);
  });

  it('keeps the secret out of every derived string', async () => {
    const secret = createSecret();
    const secretText = Buffer.from(secret).toString('base64url');
    for (const kind of ROOM_KINDS) {
      const room = await deriveRoom(secret, kind);
      for (const value of Object.values(room)) {
        expect(value).not.toContain(secretText.slice(0, 8));
        expect(value).not.toContain(Buffer.from(secret).toString('hex').slice(0, 8));
      }
    }
  });
});

describe('refusals', () => {
  it.each(Object.entries(FUNCTIONS))('%s rejects a secret that is not 32 bytes', async (_, fn) => {
    for (const length of [0, 16, 31, 33, 64]) {
      expect(await rejection(fn(new Uint8Array(length), 'vault'))).toBe('invalid-secret');
    }
  });

  it.each(Object.entries(FUNCTIONS))('%s rejects a secret that is not bytes', async (_, fn) => {
    for (const secret of [
      null,
      undefined,
      'a'.repeat(32),
      Array(32).fill(0),
      new ArrayBuffer(32),
    ]) {
      expect(await rejection(fn(secret as unknown as Uint8Array, 'vault'))).toBe('invalid-secret');
    }
  });

  it.each(Object.entries(FUNCTIONS))('%s rejects an unknown kind', async (_, fn) => {
    for (const kind of ['', 'Vault', 'contact', 'device', 'conversation', 'vault ', null]) {
      expect(await rejection(fn(createSecret(), kind as unknown as RoomKind))).toBe('invalid-kind');
    }
  });

  it('names the problem in the error message', async () => {
    await expect(roomName(new Uint8Array(31), 'vault')).rejects.toThrow(/exactly 32 bytes, not 31/);
    await expect(roomName(createSecret(), 'nope' as RoomKind)).rejects.toThrow(
      /Unknown room kind "nope"/,
    );
  });
});
