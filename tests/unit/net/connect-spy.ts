import net from 'node:net';
import { vi, type MockInstance } from 'vitest';

interface ConnectOptions {
  host?: string;
  port?: number;
}

/** Records the host of every socket `node:http` opens, so tests can prove a refused target got none. */
export function spyOnConnections(): { hosts: () => string[]; restore: () => void } {
  const spy: MockInstance = vi.spyOn(net.Socket.prototype, 'connect');
  return {
    hosts: () =>
      spy.mock.calls.map((args: unknown[]) => {
        const first = args[0];
        const options = (Array.isArray(first) ? first[0] : first) as ConnectOptions;
        return String(options?.host ?? '');
      }),
    restore: () => spy.mockRestore(),
  };
}
