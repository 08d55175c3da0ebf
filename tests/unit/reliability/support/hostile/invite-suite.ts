/**
 * Hostile invite codes: whatever is pasted, `parseInvite` returns a typed answer — never
 * throws — and only a well-formed, checksummed, unexpired code is accepted.
 */
import {
  createInvite,
  encodeInvite,
  INVITE_ERROR_REASONS,
  inviteLink,
  parseInvite,
} from '../../../../../src/lib/keys';
import type { Prng } from '../../../../helpers/prng';
import { inputPrng, mutateText } from './mutate';
import type { HostileSuite, Outcome } from './suite';

/** Any 18 bytes: these tests are about the format, not about whose key it pins. */
const KEY_HASH = new Uint8Array(18).fill(9);

const NOW = new Date('2026-03-01T13:52:00.000Z');

export class InviteSuite implements HostileSuite {
  #seed = 0;
  #valid: string[] = [];

  async setup(seed: number): Promise<void> {
    this.#seed = seed;
    for (const kind of ['device', 'contact'] as const) {
      const invite = createInvite(kind, KEY_HASH, new Date(NOW.getTime() - 60_000));
      this.#valid.push(encodeInvite(invite), inviteLink('https://mull.example', invite));
    }
  }

  #input(rnd: Prng): string {
    const roll = rnd.next();
    if (roll < 0.1) return rnd.pick(this.#valid);
    if (roll < 0.8) return mutateText(rnd, rnd.pick(this.#valid));
    if (roll < 0.9) {
      return Array.from({ length: rnd.int(0, 80) }, () =>
        String.fromCharCode(rnd.int(0, 0xffff)),
      ).join('');
    }
    return rnd.pick(['', ' ', '#/join/', 'd.', 'x'.repeat(rnd.int(2000, 100_000))]);
  }

  async run(index: number): Promise<Outcome> {
    const input = this.#input(inputPrng(this.#seed, index));
    let result: ReturnType<typeof parseInvite>;
    try {
      result = parseInvite(input, NOW);
    } catch (err) {
      return { verdict: 'refused', crash: `parseInvite threw: ${String(err)}` };
    }
    if (result.ok) {
      const fine = result.invite.secret.length === 32 && result.invite.expiresAt > NOW;
      return { verdict: 'accepted', damage: fine ? undefined : 'accepted a broken invite' };
    }
    const fine =
      INVITE_ERROR_REASONS.includes(result.reason) &&
      typeof result.message === 'string' &&
      !/undefined|NaN|\[object/.test(result.message);
    return { verdict: 'refused', damage: fine ? undefined : `unclear refusal: ${result.message}` };
  }

  async finish(): Promise<string[]> {
    return [];
  }
}
