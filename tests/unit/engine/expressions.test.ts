import { describe, expect, it } from 'vitest';
import {
  checkExpressionSyntax,
  evaluateExpression,
  isTruthy,
  listTemplateExpressions,
  renderTemplate,
} from '../../../lib/engine/expressions';

const scope = {
  event: { type: 'order.placed', data: { id: 'o-1', total: 42.5, items: [{ sku: 'a', qty: 2 }, { sku: 'b', qty: 1 }] } },
  steps: { reserve: { status: 200, body: { ok: true } } },
  run: { id: 'r1', workflowId: 'w1', version: 3 },
};

describe('evaluateExpression', () => {
  it('computes arithmetic and follows paths into event, steps and run', async () => {
    expect(await evaluateExpression('1 + 2 * 3', scope)).toEqual({ ok: true, value: 7 });
    expect(await evaluateExpression('event.data.total > 0', scope)).toEqual({ ok: true, value: true });
    expect(await evaluateExpression('steps.reserve.body.ok', scope)).toEqual({ ok: true, value: true });
    expect(await evaluateExpression('run.version', scope)).toEqual({ ok: true, value: 3 });
    expect(await evaluateExpression('$sum(event.data.items.qty)', scope)).toEqual({ ok: true, value: 3 });
    expect(await evaluateExpression('$.run.id', scope)).toEqual({ ok: true, value: 'r1' });
  });

  it('returns plain arrays and objects', async () => {
    const r = await evaluateExpression('event.data.items.{ "s": sku }', scope);
    expect(r).toEqual({ ok: true, value: [{ s: 'a' }, { s: 'b' }] });
    if (r.ok) expect(Object.keys(r.value as object)).toEqual(['0', '1']);
  });

  it('maps no result to undefined', async () => {
    expect(await evaluateExpression('event.data.missing', scope)).toEqual({ ok: true, value: undefined });
  });

  it('answers a reason instead of throwing for syntax and runtime errors', async () => {
    const syntax = await evaluateExpression('event.data.total >', scope);
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.error).toMatch(/syntax error/);
    const runtime = await evaluateExpression('"a" + 1', scope);
    expect(runtime.ok).toBe(false);
    if (!runtime.ok) expect(runtime.error).toMatch(/number/);
    expect((await evaluateExpression('', scope)).ok).toBe(false);
  });

  it('does not return functions as values', async () => {
    const r = await evaluateExpression('function($x) { $x }', scope);
    expect(r.ok).toBe(false);
  });

  it('cannot reach JavaScript internals through the scope', async () => {
    expect(await evaluateExpression('$.constructor', scope)).toEqual({ ok: true, value: undefined });
    expect(await evaluateExpression('event.__proto__', scope)).toEqual({ ok: true, value: undefined });
  });

  it('stops endless recursion within about its time budget', async () => {
    const started = Date.now();
    const r = await evaluateExpression('($f := function($x) { $f($x) }; $f(1))', scope, { timeoutMs: 200 });
    const elapsed = Date.now() - started;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/time limit of 200 ms|depth limit/);
    expect(elapsed).toBeLessThan(600);
  });

  it('stops deep non-tail recursion at the depth limit', async () => {
    const r = await evaluateExpression('($f := function($x) { 1 + $f($x) }; $f(1))', scope, { maxDepth: 100 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/depth limit of 100/);
  });

  it('stops a huge loop at the time budget', async () => {
    const started = Date.now();
    const r = await evaluateExpression('$reduce([1..900000], function($a, $b) { $a + $b })', scope, { timeoutMs: 150 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/time limit of 150 ms/);
    expect(Date.now() - started).toBeLessThan(450);
  });

  it('allows legitimate recursion well below the limits', async () => {
    const r = await evaluateExpression('($f := function($n) { $n <= 1 ? 1 : $n * $f($n - 1) }; $f(10))', scope);
    expect(r).toEqual({ ok: true, value: 3628800 });
  });

  it('keeps concurrent evaluations of one cached expression apart', async () => {
    const expr = '$sum([1..n]) + n';
    const inputs = Array.from({ length: 50 }, (_, i) => ({ n: i + 1 }));
    const results = await Promise.all(inputs.map((input) => evaluateExpression(expr, input)));
    expect(results).toEqual(inputs.map(({ n }) => ({ ok: true, value: (n * (n + 1)) / 2 + n })));
  });

  it('counts depth per evaluation, not across concurrent evaluations of one expression', async () => {
    // one evaluation nests about 95 steps deep: alone it fits the limit of 200, five summed would not
    const expr = '($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(n))';
    const results = await Promise.all(Array.from({ length: 5 }, () => evaluateExpression(expr, { n: 30 }, { maxDepth: 200 })));
    expect(results).toEqual(Array.from({ length: 5 }, () => ({ ok: true, value: 30 })));
    expect((await evaluateExpression(expr, { n: 100 }, { maxDepth: 200 })).ok).toBe(false);
  });

  it('lets a normal evaluation finish while a runaway one is stopped', async () => {
    const runaway = evaluateExpression('($f := function($x) { $f($x) }; $f(1))', {}, { timeoutMs: 200 });
    const fine = evaluateExpression('($g := function($n) { $n = 0 ? 0 : $g($n - 1) }; $g(50))', {}, { timeoutMs: 200 });
    const [a, b] = await Promise.all([runaway, fine]);
    expect(a.ok).toBe(false);
    expect(b).toEqual({ ok: true, value: 0 });
    // the budget is per evaluation: a later evaluation starts with a fresh clock
    expect(await evaluateExpression('($g := function($n) { $n = 0 ? 0 : $g($n - 1) }; $g(50))', {}, { timeoutMs: 200 }))
      .toEqual({ ok: true, value: 0 });
  });
});

describe('checkExpressionSyntax', () => {
  it('is null for a valid expression and gives message and position otherwise', () => {
    expect(checkExpressionSyntax('event.data.total > 0')).toBeNull();
    const p = checkExpressionSyntax('event.data.total >');
    expect(p).toMatchObject({ message: expect.stringMatching(/end of expression/), position: 18 });
    expect(checkExpressionSyntax('')?.message).toMatch(/empty/);
    expect(checkExpressionSyntax('"unclosed')).not.toBeNull();
  });
});

describe('renderTemplate', () => {
  it('keeps the type of a value that is exactly one template', async () => {
    expect(await renderTemplate('{{ event.data.total }}', scope)).toEqual({ ok: true, value: 42.5 });
    expect(await renderTemplate('  {{ steps.reserve.body }} ', scope)).toEqual({ ok: true, value: { ok: true } });
    expect(await renderTemplate('{{ event.data.items.qty }}', scope)).toEqual({ ok: true, value: [2, 1] });
  });

  it('interpolates into text: objects as JSON, null and undefined as nothing', async () => {
    expect(await renderTemplate('Order {{ event.data.id }} costs {{ event.data.total }}', scope)).toEqual({
      ok: true,
      value: 'Order o-1 costs 42.5',
    });
    expect(await renderTemplate('body={{ steps.reserve.body }};', scope)).toEqual({ ok: true, value: 'body={"ok":true};' });
    expect(await renderTemplate('[{{ nothing }}|{{ null }}]', scope)).toEqual({ ok: true, value: '[|]' });
  });

  it('walks objects and arrays and leaves other strings and values alone', async () => {
    const value = { url: 'https://x/{{ event.data.id }}', n: 5, list: ['{{ run.version }}', 'plain {', null], flag: true };
    expect(await renderTemplate(value, scope)).toEqual({
      ok: true,
      value: { url: 'https://x/o-1', n: 5, list: [3, 'plain {', null], flag: true },
    });
  });

  it('closes a template at the right braces when the expression builds an object', async () => {
    expect(await renderTemplate('{{ {"a": {"b": run.version}} }}', scope)).toEqual({ ok: true, value: { a: { b: 3 } } });
    expect(await renderTemplate('x{{ "}}" }}y', scope)).toEqual({ ok: true, value: 'x}}y' });
  });

  it('keeps an unclosed {{ as text', async () => {
    expect(await renderTemplate('a {{ b', scope)).toEqual({ ok: true, value: 'a {{ b' });
  });

  it('reports which template failed', async () => {
    const r = await renderTemplate({ a: ['ok', 'x {{ 1 + }}'] }, scope);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/\{\{ 1 \+ \}\}/);
  });

  it('lists every template expression, deeply', () => {
    expect(listTemplateExpressions({ a: '{{ x }} and {{ y.z }}', b: ['{{1}}', 'none'], c: 3 })).toEqual(['x', 'y.z', '1']);
  });
});

describe('isTruthy', () => {
  it('follows JSONata boolean casting', () => {
    for (const v of [true, 1, -1, 'x', [0, 1], { a: 1 }]) expect(isTruthy(v), JSON.stringify(v)).toBe(true);
    for (const v of [false, 0, '', [], [0, ''], {}, null, undefined]) expect(isTruthy(v), JSON.stringify(v)).toBe(false);
  });
});
