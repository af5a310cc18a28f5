import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { CompiledAllowList } from './allow-list';
import { isAddressBlockedBy } from './address-policy';
import { HttpBlockedError } from './errors';

/** Resolves a host name to every address it has (same contract as `dns.lookup` with `all: true`). */
export type Resolver = (hostname: string, family: 0 | 4 | 6, hints: number) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname, family, hints) =>
  dnsLookup(hostname, { all: true, family, hints });

function requestedFamily(family: LookupOptions['family']): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

function notFound(hostname: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
  err.code = 'ENOTFOUND';
  return err;
}

export interface GuardedLookupOptions {
  list: CompiledAllowList;
  resolve: Resolver;
  /** False when the host name itself is allow-listed: every address it resolves to is fine. */
  checkAddresses: boolean;
}

/**
 * A `lookup` for `net.connect`: the socket connects only to the addresses this function hands
 * back, so checking them here (and refusing if ANY is blocked) closes the DNS-rebinding gap
 * between a separate check and the real connection.
 */
function findProblem(hostname: string, addresses: LookupAddress[], opts: GuardedLookupOptions): Error | undefined {
  if (addresses.length === 0) return notFound(hostname);
  if (!opts.checkAddresses) return undefined;
  const blocked = addresses.find((a) => isAddressBlockedBy(a.address, opts.list));
  if (!blocked) return undefined;
  return new HttpBlockedError(`host ${hostname} resolves to ${blocked.address}, which is not a public address`);
}

/**
 * A `lookup` for `net.connect`: the socket connects only to the addresses this function hands
 * back, so checking them here (and refusing if ANY is blocked) closes the DNS-rebinding gap
 * between a separate check and the real connection.
 */
export function createGuardedLookup(opts: GuardedLookupOptions): LookupFunction {
  return (hostname, options, callback) => {
    opts.resolve(hostname, requestedFamily(options.family), options.hints ?? 0).then(
      (addresses) => {
        const problem = findProblem(hostname, addresses, opts);
        if (problem) callback(problem, '');
        else if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
  };
}
