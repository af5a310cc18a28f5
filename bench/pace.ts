import { nowMs, sleep } from './stats';

/**
 * Calls `send` at a steady `ratePerSecond` for `durationMs` (catching up in small bursts when a
 * timer fires late), without waiting for one send before the next; resolves when all settled.
 * Returns how many were sent.
 */
export async function paced(ratePerSecond: number, durationMs: number, send: (i: number) => Promise<unknown>): Promise<number> {
  const start = nowMs();
  const total = Math.max(1, Math.round((ratePerSecond * durationMs) / 1000));
  const inFlight: Promise<unknown>[] = [];
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((nowMs() - start) / 1000) * ratePerSecond) + 1);
    while (sent < due) inFlight.push(send(sent++));
    await sleep(Math.max(1, Math.min(10, 1000 / ratePerSecond)));
  }
  await Promise.all(inFlight);
  return sent;
}
