import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { activate, countRows, createWorkflow, expectError, transformWorkflow } from './api-helpers';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

const versionsOf = (id: string) => countRows(ctx, 'workflow_versions', 'workflow_id = $1', [id]);

describe('workflow documents', () => {
  it('create (201) → get → list → update (PUT)', async () => {
    const doc = { ...transformWorkflow('Shape orders', 'order.placed', '{ "id": event.data.orderId }'), description: 'first draft' };
    const created = await callApi('POST', '/api/workflows', { body: doc });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Shape orders', description: 'first draft',
      nodes: doc.nodes, edges: doc.edges, active: false, activeVersion: null,
    });
    const id = created.body.id;

    const got = await callApi('GET', `/api/workflows/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);

    const other = await createWorkflow(transformWorkflow('Another', 'x.y', '1'));
    const list = await callApi('GET', '/api/workflows');
    expect(list.status).toBe(200);
    const listed = list.body.items.filter((w: { id: string }) => [id, other].includes(w.id));
    expect(listed).toHaveLength(2);
    expect(listed.find((w: { id: string }) => w.id === id)).toMatchObject({ name: 'Shape orders', nodes: doc.nodes, active: false });

    const changed = transformWorkflow('Shape orders v2', 'order.*', '{ "order": event.data.orderId }');
    const updated = await callApi('PUT', `/api/workflows/${id}`, { body: changed });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ id, name: 'Shape orders v2', nodes: changed.nodes, edges: changed.edges, active: false });
    expect(updated.body.description).toBeUndefined();
    expect(Date.parse(updated.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.updatedAt));
    expect((await callApi('GET', `/api/workflows/${id}`)).body).toMatchObject({ name: 'Shape orders v2', nodes: changed.nodes });
  });

  it('refuses an invalid document with 400 and stores nothing', async () => {
    const valid = transformWorkflow('Valid', 'order.placed', '1');
    const cases: [string, unknown, RegExp][] = [
      ['missing name', { nodes: valid.nodes, edges: valid.edges }, /name/],
      ['empty name', { ...valid, name: '' }, /name/],
      ['node id with a dash', { ...valid, nodes: [{ ...valid.nodes[0], id: 'my-start' }, valid.nodes[1]] }, /nodes\.0\.id/],
      ['node without position', { ...valid, nodes: [{ id: 'a', type: 'transform', config: {} }] }, /position/],
      ['nodes not an array', { ...valid, nodes: {} }, /nodes/],
      ['edges missing', { name: 'x', nodes: [] }, /edges/],
      ['a JSON array', [valid], /.+/],
    ];
    const before = await countRows(ctx, 'workflows');
    for (const [label, body, message] of cases) {
      const res = await callApi('POST', '/api/workflows', { body });
      expectError(res, 400, message);
      expect(res.body.error.code, label).toBe('invalid_document');
    }
    expectError(await callApi('POST', '/api/workflows', { raw: '{"name": ', headers: { 'content-type': 'application/json' } }), 400, /JSON/, 'invalid_json');
    expectError(await callApi('POST', '/api/workflows', { raw: '', headers: { 'content-type': 'application/json' } }), 400, /JSON/, 'invalid_json');
    expect(await countRows(ctx, 'workflows')).toBe(before);
  });

  it('refuses an invalid update with 400 and keeps the stored draft', async () => {
    const doc = transformWorkflow('Keep me', 'order.placed', '"kept"');
    const id = await createWorkflow(doc);
    const res = await callApi('PUT', `/api/workflows/${id}`, { body: { ...doc, nodes: [{ ...doc.nodes[0], id: 'bad-id' }] } });
    expectError(res, 400, /id/, 'invalid_document');
    expect((await callApi('GET', `/api/workflows/${id}`)).body).toMatchObject({ name: 'Keep me', nodes: doc.nodes });
    const { rows } = await ctx.services.database.pool.query('select document from workflows where id = $1', [id]);
    expect(rows[0].document.nodes).toEqual(doc.nodes);
  });
});

describe('activation', () => {
  it('publishes version 1, then 2, and lists both; drafts do not change published versions', async () => {
    const v1doc = transformWorkflow('Versioned', 'order.placed', '"one"');
    const id = await createWorkflow(v1doc);
    const first = await callApi('POST', `/api/workflows/${id}/activate`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ id, active: true, activeVersion: 1 });
    expect((await callApi('GET', `/api/workflows/${id}`)).body).toMatchObject({ active: true, activeVersion: 1 });

    const v2doc = transformWorkflow('Versioned', 'order.placed', '"two"');
    expect((await callApi('PUT', `/api/workflows/${id}`, { body: v2doc })).status).toBe(200);
    // editing the draft leaves the live version alone
    expect((await callApi('GET', `/api/workflows/${id}`)).body).toMatchObject({ active: true, activeVersion: 1 });

    const second = await callApi('POST', `/api/workflows/${id}/activate`);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ active: true, activeVersion: 2 });

    const versions = await callApi('GET', `/api/workflows/${id}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body.items.map((v: { version: number; active: boolean }) => [v.version, v.active])).toEqual([[2, true], [1, false]]);
    expect(versions.body.items[1].document.nodes[1].config.expression).toBe('"one"');
    expect(versions.body.items[0].document.nodes[1].config.expression).toBe('"two"');
    expect(await versionsOf(id)).toBe(2);
  });

  it('refuses an invalid graph with 422, one problem per finding naming its node, and stores no version', async () => {
    const at = { x: 0, y: 0 };
    const doc = {
      name: 'Broken',
      nodes: [
        { id: 'start', type: 'trigger.event', position: at, config: { eventType: 'order.placed' } },
        { id: 'mystery', type: 'no.such.type', position: at, config: {} },
        { id: 'badexpr', type: 'transform', position: at, config: { expression: '$$$ (' } },
        { id: 'slow', type: 'delay', position: at, config: { duration: 'soon' } },
        { id: 'loopA', type: 'transform', position: at, config: { expression: '1' } },
        { id: 'loopB', type: 'transform', position: at, config: { expression: '2' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'mystery' },
        { id: 'e2', source: 'start', target: 'badexpr' },
        { id: 'e3', source: 'start', target: 'slow' },
        { id: 'e4', source: 'start', target: 'loopA' },
        { id: 'e5', source: 'loopA', target: 'loopB' },
        { id: 'e6', source: 'loopB', target: 'loopA' },
        { id: 'e7', source: 'start', target: 'ghost' },
      ],
    };
    const id = await createWorkflow(doc); // a draft may be invalid; only activation checks the graph
    const before = { versions: await countRows(ctx, 'workflow_versions'), activations: await countRows(ctx, 'activations') };

    const res = await callApi('POST', `/api/workflows/${id}/activate`);
    expectError(res, 422, /problem/, 'invalid_workflow');
    const problems: { nodeId?: string; edgeId?: string; code: string; message: string }[] = res.body.error.details.problems;
    expect(problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ nodeId: 'mystery', code: 'unknown_node_type', message: expect.stringMatching(/no\.such\.type/) }),
      expect.objectContaining({ nodeId: 'badexpr', code: 'expression', message: expect.stringMatching(/expression/) }),
      expect.objectContaining({ nodeId: 'slow', code: 'config', message: expect.stringMatching(/duration/) }),
      expect.objectContaining({ nodeId: 'loopA', code: 'cycle' }),
      expect.objectContaining({ nodeId: 'loopB', code: 'cycle' }),
      expect.objectContaining({ nodeId: 'start', edgeId: 'e7', code: 'dangling_edge', message: expect.stringMatching(/ghost/) }),
    ]));
    for (const p of problems) {
      expect(p.nodeId, JSON.stringify(p)).toEqual(expect.any(String));
      expect(p.message.length).toBeGreaterThan(0);
    }
    // every node that has a problem is one of the broken ones
    expect(new Set(problems.map((p) => p.nodeId))).toEqual(new Set(['mystery', 'badexpr', 'slow', 'loopA', 'loopB', 'start']));

    expect(await versionsOf(id)).toBe(0);
    expect(await countRows(ctx, 'workflow_versions')).toBe(before.versions);
    expect(await countRows(ctx, 'activations')).toBe(before.activations);
    expect((await callApi('GET', `/api/workflows/${id}`)).body).toMatchObject({ active: false, activeVersion: null });
    expect((await callApi('GET', `/api/workflows/${id}/versions`)).body.items).toEqual([]);
  });

  it('refuses a graph without a trigger', async () => {
    const id = await createWorkflow({
      name: 'No trigger', nodes: [{ id: 'only', type: 'transform', position: { x: 0, y: 0 }, config: { expression: '1' } }], edges: [],
    });
    const res = await callApi('POST', `/api/workflows/${id}/activate`);
    expectError(res, 422, /problem/, 'invalid_workflow');
    expect(res.body.error.details.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'no_trigger' })]));
    expect(await versionsOf(id)).toBe(0);
  });

  it('accepts a loop that passes through a delay', async () => {
    const at = { x: 0, y: 0 };
    const id = await createWorkflow({
      name: 'Polling loop',
      nodes: [
        { id: 'start', type: 'trigger.event', position: at, config: { eventType: 'poll.start' } },
        { id: 'check', type: 'transform', position: at, config: { expression: '1' } },
        { id: 'pause', type: 'delay', position: at, config: { duration: '1h' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'check' },
        { id: 'e2', source: 'check', target: 'pause' },
        { id: 'e3', source: 'pause', target: 'check' },
      ],
    });
    expect(await activate(id)).toBe(1);
  });

  it('an invalid draft cannot replace the live version', async () => {
    const doc = transformWorkflow('Live stays', 'order.placed', '"live"');
    const id = await createWorkflow(doc);
    expect(await activate(id)).toBe(1);
    await callApi('PUT', `/api/workflows/${id}`, { body: { ...doc, edges: [{ id: 'e1', source: 'start', target: 'nowhere' }] } });
    expectError(await callApi('POST', `/api/workflows/${id}/activate`), 422, /problem/);
    expect(await versionsOf(id)).toBe(1);
    expect((await callApi('GET', `/api/workflows/${id}`)).body).toMatchObject({ active: true, activeVersion: 1 });
  });

  it('deactivates and reactivates', async () => {
    const id = await createWorkflow(transformWorkflow('Toggle', 'order.placed', '1'));
    await activate(id);
    const off = await callApi('POST', `/api/workflows/${id}/deactivate`);
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, activeVersion: null });
    expect((await callApi('GET', `/api/workflows/${id}/versions`)).body.items.map((v: { active: boolean }) => v.active)).toEqual([false]);
    expect((await callApi('POST', `/api/workflows/${id}/deactivate`)).status).toBe(200); // idempotent
    expect(await activate(id)).toBe(2);
  });
});

describe('deletion and unknown ids', () => {
  it('DELETE answers 204, then the workflow is gone everywhere', async () => {
    const id = await createWorkflow(transformWorkflow('Doomed', 'order.placed', '1'));
    await activate(id);
    const res = await callApi('DELETE', `/api/workflows/${id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
    expectError(await callApi('GET', `/api/workflows/${id}`), 404, /workflow/, 'not_found');
    expectError(await callApi('GET', `/api/workflows/${id}/versions`), 404, /workflow/);
    expectError(await callApi('POST', `/api/workflows/${id}/activate`), 404, /workflow/);
    expectError(await callApi('DELETE', `/api/workflows/${id}`), 404, /workflow/);
    const list = await callApi('GET', '/api/workflows');
    expect(list.body.items.map((w: { id: string }) => w.id)).not.toContain(id);
    // a deleted workflow is no longer live
    const { rows } = await ctx.services.database.pool.query('select active_version_id from workflows where id = $1', [id]);
    expect(rows[0]?.active_version_id ?? null).toBeNull();
  });

  const unknownIds = [
    ['an unknown uuid', '00000000-0000-4000-8000-000000000000'],
    ['a non-uuid', 'not-a-uuid'],
    ['36 hex digits', '0'.repeat(36)],
    ['dashes only', '-'.repeat(36)],
  ];
  for (const [label, id] of unknownIds) {
    it(`answers 404 with a JSON error for ${label} on every workflow route`, async () => {
      const doc = transformWorkflow('Nobody', 'order.placed', '1');
      const before = await countRows(ctx, 'workflows');
      for (const [method, url, body] of [
        ['GET', `/api/workflows/${id}`], ['PUT', `/api/workflows/${id}`, doc], ['DELETE', `/api/workflows/${id}`],
        ['POST', `/api/workflows/${id}/activate`], ['POST', `/api/workflows/${id}/deactivate`],
        ['GET', `/api/workflows/${id}/versions`], ['POST', `/api/workflows/${id}/run`, {}],
      ] as [string, string, unknown?][]) {
        const res = await callApi(method, url, body === undefined ? {} : { body });
        expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBe(404);
        expect(res.body.error).toMatchObject({ code: 'not_found', message: expect.stringMatching(/workflow/) });
      }
      expect(await countRows(ctx, 'workflows')).toBe(before);
    });
  }
});
