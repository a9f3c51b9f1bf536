/**
 * Which addresses a link from a stranger may reach. Only public unicast addresses: not this
 * computer (loopback), not the newsroom's network (private, carrier-grade NAT, link-local,
 * unique-local), not cloud metadata (169.254.169.254), and none of the special ranges
 * (unspecified, multicast, documentation, 6to4, NAT64, Teredo). ipaddr.js knows the
 * ranges and unwraps IPv4-mapped IPv6 ("::ffff:127.0.0.1"); the WHATWG URL parser has already
 * turned "2130706433", "0x7f.1" and "127.1" into "127.0.0.1" by the time a hostname is read.
 */
import dns, { type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';
import { UserError } from '../../store/errors';

/** Whether a connection to `address` (IPv4 or IPv6, as text) leaves the newsroom's network. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** Raised inside a connection attempt; turned into words by privateAddressError. */
export class PrivateAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}, which is not a public address`);
    this.name = 'PrivateAddressError';
  }
}

export function privateAddressError(host: string, address: string): UserError {
  const where = host.replace(/^\[|\]$/g, '') === address ? host : `${host} (${address})`;
  return new UserError(
    'private-address',
    `${where} is on this computer or the newsroom's own network, not the public web. Factdesk opens such a link only when you allow it.`,
  );
}

/** A URL whose host is written as an IP address: refused unless public or `trusted`. */
export function checkLiteralAddress(url: string, trusted: string | null): void {
  const host = new URL(url).hostname;
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === trusted) return;
  if (ipaddr.isValid(bare) && !isPublicAddress(bare)) throw privateAddressError(host, ipaddr.process(bare).toString());
}

/** A URL's host as the lookup sees it: no IPv6 brackets, lower case. */
export function bareHost(url: string): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/**
 * A DNS lookup that fails when any address a name resolves to is not public (a name that
 * resolves to one public and one private address could otherwise be steered to the second).
 * The connection is made with this lookup's answer, so what was checked is what is reached.
 * `trusted`: the one host the editor allowed on a private address (null: none).
 */
export function guardedLookup(trusted: string | null): LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err);
      const refused = addresses.find((a) => !isPublicAddress(a.address));
      if (refused && hostname.toLowerCase() !== trusted) return callback(new PrivateAddressError(hostname, refused.address));
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
      callback(null, first.address, first.family);
    });
  }) as LookupFunction;
}

/** An HTTP agent for one import: every connection it opens goes through guardedLookup. */
export function guardedAgent(trusted: string | null): Agent {
  return new Agent({ connect: { lookup: guardedLookup(trusted) } });
}
