import { describe, expect, it } from 'vitest';
import { parseClipboard } from '@/components/editor/clipboard';
import { EditorStore } from '@/components/editor/store';
import { node, paymentDoc } from './graph-fixtures';

/** A store with a hand-driven clock, so coalescing of edits is deterministic. */
function storeOf(doc = paymentDoc()) {
  let now = 1_000_000;
  const store = new EditorStore(doc, () => now);
  return { store, tick: (ms: number) => { now += ms; } };
}

const ids = (store: EditorStore) => store.getState().nodes.map((n) => n.id);
const edgeList = (store: EditorStore) => store.document().edges.map((e) => `${e.source}.${e.sourceHandle ?? 'out'}>${e.target}`);

describe('editing a workflow in the store', () => {
  it('undoes and redoes adding, connecting and deleting, one step each', () => {
    const { store } = storeOf();
    const original = store.document();
    const id = store.addNode('transform', { x: 750, y: 0 });
    expect(id).toBe('transform');
    expect(store.connect({ source: 'captured', sourceHandle: 'out', target: id, targetHandle: 'in' })).toBeNull();
    store.deleteSelection();
    expect(ids(store)).not.toContain('transform');
    expect(edgeList(store)).not.toContain('captured.out>transform');

    store.undo();
    expect(ids(store)).toContain('transform');
    expect(edgeList(store)).toContain('captured.out>transform');
    store.undo();
    expect(edgeList(store)).not.toContain('captured.out>transform');
    store.undo();
    expect(store.document()).toStrictEqual(original);
    expect(store.getState().canUndo).toBe(false);

    store.redo();
    store.redo();
    expect(edgeList(store)).toContain('captured.out>transform');
    expect(store.getState().canRedo).toBe(true);
  });

  it('joins the keystrokes of one field into one undo step, but not edits a while apart', () => {
    const { store, tick } = storeOf();
    for (const url of ['h', 'ht', 'htt', 'http://a.test']) {
      store.updateData('charge', (d) => ({ ...d, config: { ...d.config, url } }), 'charge:url');
      tick(200);
    }
    tick(2000);
    store.updateData('charge', (d) => ({ ...d, config: { ...d.config, url: 'http://b.test' } }), 'charge:url');
    store.undo();
    expect(store.document().nodes[1].config.url).toBe('http://a.test');
    store.undo();
    expect(store.document().nodes[1].config.url).toBe('https://pay.test/charge');
  });

  it('records a drag once, at its start, and counts it as a change at its end', () => {
    const { store } = storeOf();
    const before = store.getState().revision;
    for (let x = 10; x <= 50; x += 10) store.applyNodeChanges([{ type: 'position', id: 'charge', position: { x, y: 5 }, dragging: true }]);
    expect(store.getState().revision).toBe(before);
    store.applyNodeChanges([{ type: 'position', id: 'charge', position: { x: 50, y: 5 }, dragging: false }]);
    expect(store.getState().revision).toBe(before + 1);
    expect(store.document().nodes[1].position).toEqual({ x: 50, y: 5 });
    store.undo();
    expect(store.document().nodes[1].position).toEqual({ x: 250, y: 0 });
  });

  it("undoes React Flow's delete of a node and its edges (two callbacks) as one step", async () => {
    const { store } = storeOf();
    store.applyEdgeChanges([{ type: 'remove', id: 'e1' }, { type: 'remove', id: 'e2' }, { type: 'remove', id: 'e3' }]);
    store.applyNodeChanges([{ type: 'remove', id: 'charge' }]);
    await Promise.resolve();
    expect(ids(store)).toEqual(['placed', 'captured', 'declined']);
    store.undo();
    expect(store.document()).toStrictEqual(paymentDoc());
  });

  it('refuses connections into a trigger, out of fail, twice the same, and loops that never pause', () => {
    const { store } = storeOf({
      name: 'w',
      nodes: [node('t', 'trigger.manual', 0), node('a', 'transform', 1, { expression: '1' }), node('b', 'transform', 2, { expression: '1' }),
        node('stop', 'fail', 3, { message: 'x' }), node('pause', 'delay', 4, { duration: '1s' })],
      edges: [{ id: 'e1', source: 't', target: 'a' }, { id: 'e2', source: 'a', target: 'b' }],
    });
    expect(store.connectionProblem({ source: 'a', target: 't', sourceHandle: null })?.code).toBe('edge_into_trigger');
    expect(store.connectionProblem({ source: 'stop', target: 'a', sourceHandle: null })?.code).toBe('edge_out_of_fail');
    expect(store.connectionProblem({ source: 'b', target: 'a', sourceHandle: null })?.code).toBe('cycle');
    expect(store.connectionProblem({ source: 'a', target: 'b', sourceHandle: 'out' })?.message).toMatch(/already connected/);
    expect(store.connect({ source: 'b', target: 'a', sourceHandle: null, targetHandle: null })?.code).toBe('cycle');
    expect(store.document().edges).toHaveLength(2);
    // the same loop through a delay pauses, so it is allowed
    expect(store.connect({ source: 'b', target: 'pause', sourceHandle: null, targetHandle: null })).toBeNull();
    expect(store.connect({ source: 'pause', target: 'a', sourceHandle: null, targetHandle: null })).toBeNull();
  });

  it('renames a node with its edges and the steps.<id> references to it', () => {
    const { store } = storeOf();
    expect(store.renameNode('charge', 'not valid')).toMatch(/letters, digits/);
    expect(store.renameNode('charge', 'placed')).toMatch(/already/);
    expect(store.renameNode('charge', 'pay')).toBeNull();
    const doc = store.document();
    expect(doc.nodes.map((n) => n.id)).toEqual(['placed', 'pay', 'captured', 'declined']);
    expect(edgeList(store)).toEqual(['placed.out>pay', 'pay.out>captured', 'pay.error>declined']);
    expect(doc.nodes[2].config.data).toBe('{{ steps.pay.body }}');
    expect(doc.nodes[3].config.data).toBe('{{ steps.pay.error.message }}');
  });

  it('moves the edges of a switch case whose name changes', () => {
    const { store } = storeOf({
      name: 'w',
      nodes: [node('t', 'trigger.manual', 0), node('s', 'switch', 1, { cases: [{ id: 'big', expression: 'true' }] }), node('x', 'transform', 2, { expression: '1' })],
      edges: [{ id: 'e1', source: 't', target: 's' }, { id: 'e2', source: 's', target: 'x', sourceHandle: 'big' }],
    });
    store.updateData('s', (d) => ({ ...d, config: { cases: [{ id: 'large', expression: 'true' }] } }));
    expect(edgeList(store)).toEqual(['t.out>s', 's.large>x']);
  });

  it('copies a selection and pastes it with fresh ids, its inner edges and references following', () => {
    const { store } = storeOf();
    store.select(['charge', 'captured']);
    const copied = parseClipboard(JSON.stringify(store.copySelection()));
    expect(copied?.nodes.map((n) => n.id)).toEqual(['charge', 'captured']);
    expect(copied?.edges.map((e) => e.id)).toEqual(['e2']);

    const pasted = store.paste(copied!, { x: 0, y: 300 });
    expect(pasted).toEqual(['charge_2', 'captured_2']);
    expect(store.getState().selectedNodeIds).toEqual(pasted);
    const doc = store.document();
    expect(doc.nodes.find((n) => n.id === 'charge_2')?.position).toEqual({ x: 0, y: 300 });
    expect(doc.nodes.find((n) => n.id === 'captured_2')?.config.data).toBe('{{ steps.charge_2.body }}');
    expect(edgeList(store)).toContain('charge_2.out>captured_2');
    expect(new Set(doc.edges.map((e) => e.id)).size).toBe(doc.edges.length);

    // into another workflow: ids that are free are kept
    const other = new EditorStore({ name: 'other', nodes: [], edges: [] });
    expect(other.paste(copied!)).toEqual(['charge', 'captured']);
    expect(other.document().edges).toEqual([{ id: 'e1', source: 'charge', target: 'captured' }]);
  });

  it('reads a whole workflow document as clipboard content, and refuses other text', () => {
    expect(parseClipboard(JSON.stringify(paymentDoc()))?.nodes).toHaveLength(4);
    expect(parseClipboard('hello')).toBeNull();
    expect(parseClipboard('{"nodes": [{"id": "bad id"}]}')).toBeNull();
  });

  it('nudges the selection with the arrow keys as one undo step per burst', () => {
    const { store, tick } = storeOf();
    store.select(['captured', 'declined']);
    store.nudge(10, 0);
    tick(100);
    store.nudge(10, 0);
    expect(store.document().nodes.slice(2).map((n) => n.position.x)).toEqual([520, 520]);
    store.undo();
    expect(store.document().nodes.slice(2).map((n) => n.position.x)).toEqual([500, 500]);
  });
});
