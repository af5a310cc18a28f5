/** Shared helpers for the replay, shadow, temporal and retention integration tests. */
import { expect } from 'vitest';
import { callApi } from '../setup/api';
import type { TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';

export async function query<T = any>(ctx: TestContext, text: string, params: unknown[] = []): Promise<T[]> {
  return (await ctx.services.database.pool.query(text, params)).rows as T[];
}

/** The event's row as stored (received_at straight from PostgreSQL). */
export async function eventRow(ctx: TestContext, seq: number): Promise<{ seq: number; received_at: Date; routed_at: Date | null }> {
  const [row] = await query(ctx, 'select seq, received_at, routed_at from events where seq = $1', [seq]);
  return row;
}

/** Waits until every event up to `seq` is routed and every run so far has ended. */
export async function settled(ctx: TestContext, what = 'the log to settle') {
  await waitFor(async () => {
    const [r] = await query(ctx, `select
      (select count(*)::int from events where routed_at is null) as unrouted,
      (select count(*)::int from runs where status in ('queued', 'running', 'waiting')) as open`);
    return r.unrouted === 0 && r.open === 0;
  }, { what, timeoutMs: 30_000 });
}

export async function startReplay(body: Record<string, unknown>): Promise<any> {
  const res = await callApi('POST', '/api/replays', { body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function waitForReplay(id: string, done: (r: any) => boolean = (r) => r.status === 'completed', timeoutMs = 30_000): Promise<any> {
  return waitFor(async () => {
    const { body } = await callApi('GET', `/api/replays/${id}`);
    return done(body) ? body : undefined;
  }, { what: `replay ${id}`, timeoutMs });
}

export const iso = (d: Date) => d.toISOString();
/** A moment just after `d` (received_at is stored to the microsecond, ISO strings hold milliseconds). */
export const after = (d: Date, ms = 1) => new Date(d.getTime() + ms);
export const before = (d: Date, ms = 1) => new Date(d.getTime() - ms);
