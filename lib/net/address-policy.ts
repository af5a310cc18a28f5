import ipaddr from 'ipaddr.js';
import { compileAllowList, type CompiledAllowList } from './allow-list';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** All global unicast IPv6 space; anything outside it that ipaddr calls "unicast" is not routable. */
const IPV6_GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

/**
 * Public-looking addresses that are cloud control planes all the same.
 * 168.63.129.16 is Azure's WireServer / host virtual IP. The other metadata endpoints
 * (169.254.169.254, fd00:ec2::254, 100.100.100.200, 169.254.0.23) already fall in blocked ranges.
 */
const EXTRA_BLOCKED: ReadonlyArray<[Address, number]> = [ipaddr.parseCIDR('168.63.129.16/32')];

function parseAddress(ip: string): Address | undefined {
  let text = ip.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  try {
    return ipaddr.parse(text);
  } catch {
    return undefined;
  }
}

function ipv4FromLow32(addr: ipaddr.IPv6): ipaddr.IPv4 {
  const [hi, lo] = addr.parts.slice(6);
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

/** IPv6 forms that carry an IPv4 address which is what actually gets reached. */
function embeddedIPv4(addr: Address): ipaddr.IPv4 | undefined {
  if (addr.kind() !== 'ipv6') return undefined;
  const v6 = addr as ipaddr.IPv6;
  switch (v6.range()) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
      return v6.toIPv4Address();
    case 'rfc6145': // ::ffff:0:a.b.c.d (SIIT)
    case 'rfc6052': // 64:ff9b::a.b.c.d (NAT64)
      return ipv4FromLow32(v6);
    default:
      return undefined;
  }
}

function inRange(addr: Address, range: readonly [Address, number]): boolean {
  return addr.kind() === range[0].kind() && addr.match(range[0], range[1]);
}

/**
 * Publicly routable unicast only. Every special range ipaddr.js knows (loopback, private,
 * uniqueLocal, linkLocal, unspecified, carrierGradeNat, multicast, broadcast, reserved,
 * benchmarking, 6to4, teredo, ...) is refused; IPv4 embedded in IPv6 is judged as IPv4.
 */
function isPublic(addr: Address): boolean {
  if (EXTRA_BLOCKED.some((range) => inRange(addr, range))) return false;
  const v4 = embeddedIPv4(addr);
  if (v4) return isPublic(v4);
  if (addr.range() !== 'unicast') return false;
  return addr.kind() === 'ipv4' || addr.match(IPV6_GLOBAL_UNICAST);
}

function isAllowedByRange(addr: Address, list: CompiledAllowList): boolean {
  const forms: Address[] = [addr];
  const v4 = embeddedIPv4(addr);
  if (v4) forms.push(v4);
  return forms.some((form) => list.ranges.some((range) => inRange(form, range)));
}

/** True when connecting to `ip` must be refused. Unparseable input is refused too. */
export function isAddressBlockedBy(ip: string, list: CompiledAllowList): boolean {
  const addr = parseAddress(ip);
  if (!addr) return true;
  if (isAllowedByRange(addr, list)) return false;
  return !isPublic(addr);
}

/** `allow` holds CIDRs, single IPs and host names (host names never match an address). */
export function isAddressBlocked(ip: string, allow: readonly string[]): boolean {
  return isAddressBlockedBy(ip, compileAllowList(allow));
}
