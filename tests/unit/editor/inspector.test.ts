import { describe, expect, it } from 'vitest';
import { completionsAt } from '@/components/editor/inspector/completion';
import { formFields, problemsAt } from '@/components/editor/inspector/form-fields';
import { jsonText, parseJsonText, setIn } from '@/components/editor/inspector/values';
import { previewScope, upstreamOf } from '@/components/editor/preview-scope';
import { retrySchema } from '@/lib/engine/graph';
import { nodeRegistry } from '@/lib/engine/nodes';

describe('the inspector form, read from the engine schemas', () => {
  it('has a field of the right kind, with label and help, for each config key of each node type', () => {
    const http = formFields(nodeRegistry.http.configSchema);
    expect(http.map((f) => [f.key, f.kind, f.required])).toEqual([
      ['method', 'enum', true], ['url', 'text', true], ['headers', 'record', false], ['body', 'json', false], ['timeoutMs', 'integer', false],
    ]);
    expect(http[0].options).toContain('POST');
    expect(http[1]).toMatchObject({ title: 'URL', placeholder: 'https://api.example.com/orders' });
    expect(http[4]).toMatchObject({ min: 1, max: 300_000, default: 10_000 });

    const cases = formFields(nodeRegistry.switch.configSchema)[0];
    expect(cases.kind).toBe('list');
    expect(cases.fields?.map((f) => [f.key, f.kind])).toEqual([['id', 'text'], ['expression', 'jsonata']]);
    expect(formFields(nodeRegistry['trigger.event'].configSchema).map((f) => f.kind)).toEqual(['text', 'jsonata']);
    expect(formFields(nodeRegistry.delay.configSchema).map((f) => f.kind)).toEqual(['text-or-number', 'jsonata']);
    expect(formFields(nodeRegistry.wait_for_event.configSchema).find((f) => f.key === 'timeout')?.kind).toBe('text-or-number');
    expect(formFields(retrySchema).map((f) => f.title)).toEqual(['Attempts', 'Backoff', 'Delay']);
    for (const def of Object.values(nodeRegistry)) {
      for (const field of formFields(def.configSchema)) expect(field.title, `${def.type}.${field.key}`).not.toBe('');
    }
  });

  it('puts each validation problem under its own field', () => {
    const problems = [
      { code: 'config', message: 'config.url: a URL is required' },
      { code: 'expression', message: 'config.cases.1.expression: invalid expression: x' },
      { code: 'schema', message: 'nodes[2].retry.attempts: too big' },
      { code: 'unreachable', message: 'no trigger leads to this node' },
    ];
    expect(problemsAt(problems, 'config.url').map((p) => p.message)).toEqual(['a URL is required']);
    expect(problemsAt(problems, 'config.cases.1.expression').map((p) => p.message)).toEqual(['invalid expression: x']);
    expect(problemsAt(problems, 'config.cases').map((p) => p.message)).toEqual(['1.expression: invalid expression: x']);
    expect(problemsAt(problems, 'retry.attempts').map((p) => p.message)).toEqual(['too big']);
    expect(problemsAt(problems, 'config.urls')).toEqual([]);
  });

  it('edits nested values without touching the rest, and removes emptied keys', () => {
    const config = { cases: [{ id: 'a', expression: 'x' }], keep: { deep: 1 } };
    const next = setIn(config, ['cases', 0, 'expression'], 'y') as typeof config;
    expect(next).toEqual({ cases: [{ id: 'a', expression: 'y' }], keep: { deep: 1 } });
    expect(next.keep).toBe(config.keep);
    expect(config.cases[0].expression).toBe('x');
    expect(setIn({ a: 1, b: 2 }, ['b'], undefined)).toEqual({ a: 1 });
  });

  it('shows JSON-or-template values as text and reads them back the same', () => {
    for (const value of [{ a: [1, 'b'] }, '{{ event.data }}', 'plain words', '42', 42, true, null]) {
      expect(parseJsonText(jsonText(value))).toEqual(value);
    }
    expect(parseJsonText('  ')).toBeUndefined();
  });
});

describe('expression help', () => {
  const scope = previewScope({
    nodeType: 'emit',
    sample: { event: { type: 'order.placed', data: { orderId: 'o1', items: [{ sku: 'A', qty: 1 }] } }, triggerNodeId: 't', steps: { charge: { body: { chargeId: 'c1' } } }, runId: null },
    upstream: ['charge', 'reserve'],
    workflowId: 'w',
  });

  it('offers the fields of the sample event and of earlier steps, and JSONata functions', () => {
    const at = (text: string) => completionsAt(text, text.length, scope);
    expect(at('event.data.')?.items.map((i) => i.label)).toEqual(['orderId', 'items']);
    expect(at('event.data.items.s')?.items.map((i) => [i.label, i.detail])).toEqual([['sku', '"A"']]);
    expect(at('steps.')?.items.map((i) => [i.label, i.detail])).toEqual([['charge', 'object'], ['reserve', 'no sample yet']]);
    expect(at('$cou')?.items.map((i) => i.label)).toEqual(['$count']);
    expect(at('ev')).toEqual({ from: 0, items: [{ label: 'event', detail: 'object', type: 'variable' }] });
    expect(at('1.5')).toBeNull();
    expect(at('nothing.here.')).toBeNull();
  });

  it('sees what the node would see at run time', () => {
    expect(Object.keys(scope)).toEqual(['event', 'steps', 'run']);
    const filter = previewScope({ nodeType: 'trigger.event', sample: { event: { type: 't', data: { x: 1 } }, triggerNodeId: null, steps: {}, runId: null }, upstream: [], workflowId: 'w' });
    expect(filter).toMatchObject({ type: 't', data: { x: 1 }, event: { type: 't' } });
  });

  it('knows which steps run before a node', () => {
    const edges = [{ source: 't', target: 'a' }, { source: 'a', target: 'b' }, { source: 'x', target: 'b' }, { source: 'b', target: 'c' }];
    expect(upstreamOf('c', edges).sort()).toEqual(['a', 'b', 't', 'x']);
    expect(upstreamOf('t', edges)).toEqual([]);
  });
});
