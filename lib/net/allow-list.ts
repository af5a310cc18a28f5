import ipaddr from 'ipaddr.js';
import { normalizeHostName } from './host-name';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** An allow list split into host names (matched exactly) and address ranges (CIDR or single IP). */
export interface CompiledAllowList {
  hosts: ReadonlySet<string>;
  ranges: readonly Range[];
}

/** Splits a `CAUSEWAY_HTTP_ALLOW` value on commas and/or whitespace; empty entries are dropped. */
export function parseAllowList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

function toRange(entry: string): Range | undefined {
  const candidate = normalizeHostName(entry);
  if (candidate.includes('/')) {
    return ipaddr.isValidCIDR(candidate) ? ipaddr.parseCIDR(candidate) : undefined;
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(candidate) || ipaddr.IPv6.isValid(candidate)) {
    const addr = ipaddr.parse(candidate);
    return [addr, addr.kind() === 'ipv4' ? 32 : 128];
  }
  return undefined;
}

/**
 * Entries that parse as an IP address or CIDR become ranges; anything else is a host name.
 * Malformed CIDRs (e.g. `10.0.0.0/33`) are ignored rather than treated as host names.
 */
export function compileAllowList(allow: readonly string[]): CompiledAllowList {
  const hosts = new Set<string>();
  const ranges: Range[] = [];
  for (const entry of allow) {
    const range = toRange(entry);
    if (range) ranges.push(range);
    else if (!entry.includes('/')) hosts.add(normalizeHostName(entry));
  }
  return { hosts, ranges };
}

export function isHostAllowed(host: string, list: CompiledAllowList): boolean {
  return list.hosts.has(normalizeHostName(host));
}
