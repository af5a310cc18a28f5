import { describe, expect, it } from 'vitest';
import { connectionProblem, validateWorkflow, wouldCreateInvalidCycle, type Problem } from '../../../lib/engine/validate';
import { graph } from './graph-builder';

/** The problems of one code, as `nodeId` (or `edge:<id>`) → message. */
function byCode(problems: Problem[], code: string) {
  return problems.filter((p) => p.code === code);
}

//  t ──► a ──► b
const base = () => graph().trigger('t').node('a').node('b').chain('t', 'a', 'b');

describe('validateWorkflow', () => {
  it('finds nothing wrong with a sound workflow', () => {
    expect(validateWorkflow(base().build())).toEqual([]);
  });

  it('reports schema errors, naming the node when the path points into it', () => {
    const doc = base().build() as unknown as { name: string; nodes: Array<Record<string, unknown>> };
    doc.name = '';
    doc.nodes[1] = { ...doc.nodes[1], position: { x: 'left' } };
    doc.nodes.push({ id: 'bad id', type: 'transform', position: { x: 0, y: 0 } });
    const problems = byCode(validateWorkflow(doc), 'schema');
    expect(problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ message: expect.stringMatching(/^name:/) }),
      expect.objectContaining({ nodeId: 'a', message: expect.stringMatching(/position\.x/) }),
      expect.objectContaining({ nodeId: 'bad id', message: expect.stringMatching(/id/) }),
    ]));
    expect(validateWorkflow(null)).toEqual([expect.objectContaining({ code: 'schema' })]);
    expect(validateWorkflow({ name: 'x', nodes: 'no', edges: [] })).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'schema', message: 'nodes: expected an array' })]),
    );
  });

  it('still checks the rest of the graph when one node is malformed', () => {
    const doc = base().node('orphan').build() as unknown as { nodes: Array<Record<string, unknown>> };
    doc.nodes[1] = { ...doc.nodes[1], position: null };
    const problems = validateWorkflow(doc);
    expect(byCode(problems, 'unreachable').map((p) => p.nodeId)).toEqual(['orphan']);
    expect(byCode(problems, 'dangling_edge')).toEqual([]); // edges to the malformed node are not dangling
  });

  it('reports duplicate node and edge ids', () => {
    const doc = base().node('a').edge('t', 'a').build();
    doc.edges[2].id = doc.edges[0].id;
    const problems = validateWorkflow(doc);
    expect(byCode(problems, 'duplicate_node_id')).toEqual([expect.objectContaining({ nodeId: 'a' })]);
    expect(byCode(problems, 'duplicate_edge_id')).toEqual([expect.objectContaining({ edgeId: 't->a' })]);
  });

  it('reports an unknown node type', () => {
    const problems = validateWorkflow(base().node('x', 'teleport', {}).edge('b', 'x').build());
    expect(problems).toEqual([expect.objectContaining({ nodeId: 'x', code: 'unknown_node_type', message: expect.stringContaining('teleport') })]);
  });

  it('reports bad config naming the field', () => {
    const doc = base().node('h', 'http', { method: 'FETCH', url: 'https://x' }).edge('b', 'h')
      .node('r', 'transform', { expression: '1', retry: { attempts: 0, backoff: 'fixed', delay: '1s' } }).edge('h', 'r').build();
    const problems = byCode(validateWorkflow(doc), 'config');
    expect(problems).toEqual([
      expect.objectContaining({ nodeId: 'h', message: expect.stringMatching(/^config\.method:/) }),
      expect.objectContaining({ nodeId: 'r', message: expect.stringMatching(/^config\.retry\.attempts:/) }),
    ]);
  });

  it('reports bad JSONata in expression fields and in templates', () => {
    const doc = base()
      .node('c', 'condition', { expression: 'event.data.total >' }).edge('b', 'c')
      .node('s', 'switch', { cases: [{ id: 'x', expression: 'ok' }, { id: 'y', expression: '(' }] }).edge('c:true', 's')
      .node('e', 'emit', { eventType: 'a.b', data: { note: 'total {{ event.data. }}', fine: '{{ 1 + 1 }}' } }).edge('c:false', 'e')
      .build();
    const problems = validateWorkflow(doc);
    expect(byCode(problems, 'expression')).toEqual([
      expect.objectContaining({ nodeId: 'c', message: expect.stringMatching(/^config\.expression:/) }),
      expect.objectContaining({ nodeId: 's', message: expect.stringMatching(/^config\.cases\.1\.expression:/) }),
    ]);
    expect(byCode(problems, 'template')).toEqual([
      expect.objectContaining({ nodeId: 'e', message: expect.stringMatching(/^config\.data\.note:.*event\.data\./) }),
    ]);
  });

  it('reports an unclosed template', () => {
    const doc = base().node('f', 'fail', { message: 'order {{ event.id failed' }).edge('b', 'f').build();
    expect(byCode(validateWorkflow(doc), 'template')).toEqual([expect.objectContaining({ nodeId: 'f', message: expect.stringMatching(/never closed/) })]);
  });

  it('reports dangling edges', () => {
    const problems = validateWorkflow(base().edge('b', 'ghost').edge('nobody', 'a').build());
    expect(byCode(problems, 'dangling_edge')).toEqual([
      expect.objectContaining({ nodeId: 'b', edgeId: 'b->ghost', message: expect.stringContaining('ghost') }),
      expect.objectContaining({ nodeId: 'a', edgeId: 'nobody->a', message: expect.stringContaining('nobody') }),
    ]);
  });

  it('reports an edge from a handle the source does not have', () => {
    const doc = base().condition('c').edge('b', 'c').node('x').edge('c:maybe', 'x').node('y').edge('a:error', 'y').build();
    expect(byCode(validateWorkflow(doc), 'unknown_handle').map((p) => [p.nodeId, p.edgeId])).toEqual([
      ['c', 'c:maybe->x'],
      ['a', 'a:error->y'],
    ]);
    // with onError: branch the error handle exists
    const ok = base().node('h', 'transform', { expression: '1' }, { onError: 'branch' }).edge('b', 'h').node('y').edge('h:error', 'y').build();
    expect(byCode(validateWorkflow(ok), 'unknown_handle')).toEqual([]);
  });

  it('reports edges into a trigger and out of fail', () => {
    const doc = base().node('f', 'fail', { message: 'no' }).edge('b', 'f').node('after').edge('f', 'after').edge('a', 't').build();
    const problems = validateWorkflow(doc);
    expect(byCode(problems, 'edge_out_of_fail')).toEqual([expect.objectContaining({ nodeId: 'f', edgeId: 'f->after' })]);
    expect(byCode(problems, 'edge_into_trigger')).toEqual([expect.objectContaining({ nodeId: 't', edgeId: 'a->t' })]);
    expect(byCode(problems, 'unreachable').map((p) => p.nodeId)).toEqual(['after']);
  });

  it('reports a workflow without a trigger', () => {
    const problems = validateWorkflow(graph().node('a').build());
    expect(problems).toEqual([expect.objectContaining({ code: 'no_trigger' })]);
  });

  //  t ──► a ──► b        c ──► d   (nothing leads to c and d)
  it('reports each node no trigger leads to', () => {
    const problems = validateWorkflow(base().node('c').node('d').edge('c', 'd').build());
    expect(byCode(problems, 'unreachable').map((p) => p.nodeId)).toEqual(['c', 'd']);
  });

  //  t ──► a ──► b ──► c
  //        ▲           │
  //        └───────────┘
  it('reports every node of a loop without a pause', () => {
    const problems = validateWorkflow(base().node('c').chain('b', 'c', 'a').build());
    expect(byCode(problems, 'cycle').map((p) => p.nodeId).sort()).toEqual(['a', 'b', 'c']);
  });

  //  t ──► a ──► w(wait) ──► b
  //        ▲        │ timeout
  //        └────────┘
  it('accepts a loop through a delay or wait_for_event', () => {
    const doc = graph().trigger('t').node('a').node('w', 'wait_for_event', { eventType: 'x.y' }).node('b')
      .chain('t', 'a', 'w').edge('w:received', 'b').edge('w:timeout', 'a').build();
    expect(validateWorkflow(doc)).toEqual([]);
  });

  //  t ──► a ──► d(delay) ──► a     and also   a ──► x ──► a
  it('finds a pause-free loop even when it shares nodes with a paused one', () => {
    const doc = graph().trigger('t').node('a').node('d', 'delay', { duration: '1m' }).node('x')
      .chain('t', 'a', 'd', 'a').chain('a', 'x', 'a').build();
    expect(byCode(validateWorkflow(doc), 'cycle').map((p) => p.nodeId).sort()).toEqual(['a', 'x']);
  });
});

describe('connection checks for the editor', () => {
  const doc = graph().trigger('t').node('a').node('b').node('d', 'delay', { duration: '1s' }).node('f', 'fail', { message: 'x' })
    .chain('t', 'a', 'b').chain('b', 'd').build();

  it('refuses a connection that closes a loop without a pause', () => {
    expect(wouldCreateInvalidCycle(doc, { source: 'b', target: 'a' })).toBe(true);
    expect(wouldCreateInvalidCycle(doc, { source: 'a', target: 'a' })).toBe(true);
    expect(wouldCreateInvalidCycle(doc, { source: 'd', target: 'a' })).toBe(false);
    expect(wouldCreateInvalidCycle(doc, { source: 'a', target: 'f' })).toBe(false);
    expect(connectionProblem(doc, { source: 'b', target: 'a' })).toMatchObject({ code: 'cycle' });
  });

  it('refuses edges into a trigger, out of fail and from a missing handle', () => {
    expect(connectionProblem(doc, { source: 'a', target: 't' })).toMatchObject({ code: 'edge_into_trigger' });
    expect(connectionProblem(doc, { source: 'f', target: 'a' })).toMatchObject({ code: 'edge_out_of_fail' });
    expect(connectionProblem(doc, { source: 'a', target: 'f', sourceHandle: 'true' })).toMatchObject({ code: 'unknown_handle' });
    expect(connectionProblem(doc, { source: 'a', target: 'f' })).toBeNull();
  });
});
