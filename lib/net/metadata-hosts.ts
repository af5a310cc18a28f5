import { normalizeHostName } from './host-name';

/** Cloud instance-metadata host names. They are refused by name, before any DNS lookup. */
const METADATA_HOSTS = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.internal',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
  'metadata.platformequinix.com',
  'metadata.packet.net',
]);

/** Exact well-known names, plus the `metadata.<anything>.internal` pattern. */
export function isMetadataHostName(host: string): boolean {
  const name = normalizeHostName(host);
  return METADATA_HOSTS.has(name) || (name.startsWith('metadata.') && name.endsWith('.internal'));
}
