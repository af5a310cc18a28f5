import { isIP } from 'node:net';
import { isHostAllowed, type CompiledAllowList } from './allow-list';
import { isAddressBlockedBy } from './address-policy';
import { HttpBlockedError } from './errors';
import { normalizeHostName } from './host-name';
import { isMetadataHostName } from './metadata-hosts';

/** How to connect to a URL that passed the pre-connection checks. */
export interface TargetPlan {
  /** Host to hand to `node:http` (IPv6 literals without brackets). */
  host: string;
  /** Whether the resolved addresses still have to be checked inside the DNS lookup. */
  checkResolvedAddresses: boolean;
}

const ALLOWED_SCHEMES = new Set(['http:', 'https:']);

/**
 * Checks everything that can be checked before connecting: the scheme, an allow-listed host
 * name, metadata host names and IP-literal hosts (Node does not call `lookup` for those).
 * Host names are checked again, address by address, in the guarded lookup.
 */
export function planTarget(url: URL, list: CompiledAllowList): TargetPlan {
  if (!ALLOWED_SCHEMES.has(url.protocol)) {
    throw new HttpBlockedError(`scheme ${url.protocol} is not allowed; only http: and https:`);
  }
  const host = normalizeHostName(url.hostname);
  if (isHostAllowed(host, list)) return { host, checkResolvedAddresses: false };
  if (isIP(host) !== 0) {
    if (isAddressBlockedBy(host, list)) {
      throw new HttpBlockedError(`address ${host} is not public (loopback, private, link-local or reserved)`);
    }
    return { host, checkResolvedAddresses: false };
  }
  if (isMetadataHostName(host)) {
    throw new HttpBlockedError(`host ${host} is a cloud metadata endpoint`);
  }
  return { host, checkResolvedAddresses: true };
}
