/**
 * Which address a connection counts against for the per-address limit.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** The client's address: the socket's peer, or behind a trusted proxy the last hop it added. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1);
    if (forwarded && isIP(forwarded)) return forwarded;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * The key an address is limited under. IPv4 (also IPv4-mapped IPv6) is itself; an IPv6
 * address is its /64, because one home or phone gets a whole /64 and can pick any address in it.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups];
  return (
    groups
      .slice(0, 4)
      .map((group) => group.replace(/^0+(?=.)/, ''))
      .join(':') + '::/64'
  );
}
