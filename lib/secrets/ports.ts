import type { Ports } from '@/lib/engine/nodes';
import { maskSecrets, type SecretValues } from './mask';

/** A step's ports whose `emit` masks secrets: an event is readable by anyone who reads the log. */
export function secretSafePorts(ports: Ports, secrets: SecretValues): Ports {
  return { ...ports, emit: (ev) => ports.emit(maskSecrets(ev, secrets)) };
}
