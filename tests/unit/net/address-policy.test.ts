import { describe, expect, it } from 'vitest';
import { isAddressBlocked, parseAllowList } from '../../../lib/net/safe-http';
import { isMetadataHostName } from '../../../lib/net/metadata-hosts';

describe('isAddressBlocked without an allow list', () => {
  it.each([
    ['10.0.0.1', true],
    ['172.16.5.5', true],
    ['172.31.255.255', true],
    ['192.168.1.1', true],
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
    ['100.64.0.1', true],
    ['100.100.100.200', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['240.0.0.1', true],
    ['192.0.2.10', true],
    ['168.63.129.16', true],
    ['::1', true],
    ['::', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.1.2.3', true],
    ['::ffff:169.254.169.254', true],
    ['64:ff9b::7f00:1', true],
    ['::7f00:1', true],
    ['fd00::1', true],
    ['fc00::1', true],
    ['fd00:ec2::254', true],
    ['fe80::1', true],
    ['ff02::1', true],
    ['2001:db8::1', true],
    ['not-an-ip', true],
    ['', true],
    ['8.8.8.8', false],
    ['1.1.1.1', false],
    ['172.32.0.1', false],
    ['100.128.0.1', false],
    ['::ffff:8.8.8.8', false],
    ['64:ff9b::808:808', false],
    ['2606:4700::1', false],
    ['2a00:1450:4001::200e', false],
  ])('%s → blocked=%s', (ip, blocked) => {
    expect(isAddressBlocked(ip, [])).toBe(blocked);
  });
});

describe('isAddressBlocked with an allow list', () => {
  it('admits addresses inside an allowed CIDR and nothing else', () => {
    const allow = ['127.0.0.1/32', '10.1.0.0/16'];
    expect(isAddressBlocked('127.0.0.1', allow)).toBe(false);
    expect(isAddressBlocked('127.0.0.2', allow)).toBe(true);
    expect(isAddressBlocked('10.1.200.3', allow)).toBe(false);
    expect(isAddressBlocked('10.2.0.1', allow)).toBe(true);
    expect(isAddressBlocked('::1', allow)).toBe(true);
    expect(isAddressBlocked('169.254.169.254', allow)).toBe(true);
  });

  it('admits a single IP entry, IPv6 ranges, and IPv4-mapped forms of allowed IPv4', () => {
    expect(isAddressBlocked('::1', ['::1'])).toBe(false);
    expect(isAddressBlocked('fd12::5', ['fd00::/8'])).toBe(false);
    expect(isAddressBlocked('::ffff:127.0.0.1', ['127.0.0.1'])).toBe(false);
    expect(isAddressBlocked('192.168.0.7', ['192.168.0.7'])).toBe(false);
  });

  it('never lets a host-name entry or a malformed CIDR admit an address', () => {
    expect(isAddressBlocked('127.0.0.1', ['localhost'])).toBe(true);
    expect(isAddressBlocked('10.0.0.1', ['10.0.0.0/33'])).toBe(true);
  });
});

describe('parseAllowList', () => {
  it('splits on commas and whitespace and drops empty entries', () => {
    expect(parseAllowList(' 127.0.0.1/32, localhost  mock.internal,,\n::1 ')).toEqual([
      '127.0.0.1/32',
      'localhost',
      'mock.internal',
      '::1',
    ]);
  });

  it('is empty for an unset or blank value', () => {
    expect(parseAllowList(undefined)).toEqual([]);
    expect(parseAllowList('  ')).toEqual([]);
  });
});

describe('isMetadataHostName', () => {
  it.each([
    ['metadata.google.internal', true],
    ['METADATA.Google.Internal.', true],
    ['metadata', true],
    ['instance-data.ec2.internal', true],
    ['metadata.foo.internal', true],
    ['mock.internal', false],
    ['metadata.example.com', false],
    ['example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isMetadataHostName(host)).toBe(expected);
  });
});
