/** Shared helpers for the tests/integration/api-*.test.ts files. */
import { expect } from 'vitest';
import { callApi } from '../setup/api';
import type { TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';

/** Rows in a table, read straight from PostgreSQL (not through the API under test). */
export async function countRows(ctx: TestContext, table: 'events' | 'workflows' | 'workflow_versions' | 'activations' | 'runs' | 'steps', where = '', params: unknown[] = []): Promise<number> {
  const { rows } = await ctx.services.database.pool.query(`select count(*)::int as n from ${table} ${where ? `where ${where}` : ''}`, params);
  return rows[0].n as number;
}

/** Events in the log, leaving out the audit trail of the test's own set-up. */
export const eventCount = (ctx: TestContext) => countRows(ctx, 'events', `source <> '/audit'`);

/** Expects a JSON error answer `{ error: { code, message } }` with this status and a message matching `message`. */
export function expectError(res: { status: number; body: any }, status: number, message?: RegExp, code?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(res.body.error.message.length).toBeGreaterThan(0);
  if (message) expect(res.body.error.message).toMatch(message);
  if (code) expect(res.body.error.code).toBe(code);
}

const at = (i: number) => ({ x: i * 200, y: 0 });

/** `trigger.event` → `transform`. */
export function transformWorkflow(name: string, eventType: string, expression: string, opts: { filter?: string } = {}) {
  return {
    name,
    nodes: [
      { id: 'start', type: 'trigger.event', position: at(0), config: { eventType, ...(opts.filter ? { filter: opts.filter } : {}) } },
      { id: 'shape', type: 'transform', position: at(1), config: { expression } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'shape' }],
  };
}

/** `trigger.event` → `delay` → `transform`. */
export function delayWorkflow(name: string, eventType: string, duration: string) {
  return {
    name,
    nodes: [
      { id: 'start', type: 'trigger.event', position: at(0), config: { eventType } },
      { id: 'pause', type: 'delay', position: at(1), config: { duration } },
      { id: 'after', type: 'transform', position: at(2), config: { expression: '"done"' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'pause' },
      { id: 'e2', source: 'pause', target: 'after' },
    ],
  };
}

/** `trigger.event` → `fail`. */
export function failingWorkflow(name: string, eventType: string) {
  return {
    name,
    nodes: [
      { id: 'start', type: 'trigger.event', position: at(0), config: { eventType } },
      { id: 'boom', type: 'fail', position: at(1), config: { message: 'failed on purpose' } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'boom' }],
  };
}

/** `trigger.manual` → `transform`. */
export function manualWorkflow(name: string, expression: string) {
  return {
    name,
    nodes: [
      { id: 'go', type: 'trigger.manual', position: at(0), config: {} },
      { id: 'shape', type: 'transform', position: at(1), config: { expression } },
    ],
    edges: [{ id: 'e1', source: 'go', target: 'shape' }],
  };
}

export async function createWorkflow(doc: unknown): Promise<string> {
  const created = await callApi('POST', '/api/workflows', { body: doc });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

export async function activate(id: string): Promise<number> {
  const res = await callApi('POST', `/api/workflows/${id}/activate`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.activeVersion as number;
}

export async function createActiveWorkflow(doc: unknown): Promise<string> {
  const id = await createWorkflow(doc);
  await activate(id);
  return id;
}

export async function sendEvent(event: Record<string, unknown>): Promise<{ id: string; seq: number }> {
  const res = await callApi('POST', '/api/events', { body: event });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body;
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** Waits until the event has been routed (so every run it starts exists) and returns its runs. */
export async function routedRuns(ctx: TestContext, seq: number): Promise<any[]> {
  await waitFor(async () => {
    const { rows } = await ctx.services.database.pool.query('select routed_at from events where seq = $1', [seq]);
    return rows[0]?.routed_at != null;
  }, { what: `event ${seq} to be routed` });
  const { rows } = await ctx.services.database.pool.query('select id from runs where event_seq = $1 order by created_at', [seq]);
  return Promise.all(rows.map(async (r) => (await callApi('GET', `/api/runs/${r.id}`)).body));
}

/** Polls a run until its status satisfies `done` (default: any terminal status). */
export async function waitForRun(runId: string, done: (status: string) => boolean = (s) => TERMINAL.has(s)): Promise<any> {
  return waitFor(async () => {
    const { body } = await callApi('GET', `/api/runs/${runId}`);
    return done(body.status) ? body : undefined;
  }, { what: `run ${runId} to finish` });
}

export const stepOf = (run: { steps: { nodeId: string }[] }, nodeId: string): any => run.steps.find((s) => s.nodeId === nodeId);
