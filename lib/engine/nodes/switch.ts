/** `switch`: takes the handle of the first case whose expression is truthy, else `default`. */
import { z } from 'zod';
import { isTruthy } from '../expressions';
import { ERROR_HANDLE } from '../graph';
import { evaluate, expressionString, parseConfig } from './common';
import type { ExpressionField, NodeContext, NodeDefinition, NodeOutcome } from './types';

export const SWITCH_DEFAULT_HANDLE = 'default';
const RESERVED = [SWITCH_DEFAULT_HANDLE, ERROR_HANDLE];

export const switchConfig = z.object({
  cases: z
    .array(
      z.object({
        id: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}$/, 'case ids are 1 to 64 letters, digits, _ or -')
          .refine((id) => !RESERVED.includes(id), { message: `"default" and "error" are reserved` })
          .meta({ title: 'Output', description: 'The name of the output this case leads to.' }),
        expression: expressionString.meta({ title: 'When', format: 'jsonata', examples: ['event.data.country = "DE"'] }),
      }),
    )
    .min(1, 'add at least one case')
    .superRefine((cases, ctx) => {
      const seen = new Set<string>();
      cases.forEach((c, i) => {
        if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate case id "${c.id}"` });
        seen.add(c.id);
      });
    })
    .meta({ title: 'Cases', description: 'Checked in order; the first that holds wins, else "default".' }),
});

/** The raw cases of a possibly invalid config. */
function rawCases(config: unknown): Array<{ id?: unknown; expression?: unknown }> {
  const cases = config && typeof config === 'object' ? (config as { cases?: unknown }).cases : undefined;
  return Array.isArray(cases) ? cases.map((c) => (c !== null && typeof c === 'object' ? c : {})) : [];
}

export const switchNode: NodeDefinition = {
  type: 'switch',
  category: 'flow',
  label: 'Switch',
  description: 'Goes on by the output of the first case whose expression holds, else by default.',
  configSchema: switchConfig,
  handles: (config) => [
    ...rawCases(config).flatMap((c) => (typeof c.id === 'string' ? [c.id] : [])),
    SWITCH_DEFAULT_HANDLE,
  ],
  isTrigger: false,
  expressionFields: (config) =>
    rawCases(config).flatMap((c, i): ExpressionField[] =>
      typeof c.expression === 'string' ? [{ path: `cases.${i}.expression`, expression: c.expression }] : [],
    ),
  async run(ctx: NodeContext): Promise<NodeOutcome> {
    const config = parseConfig(switchConfig, ctx);
    for (const [i, c] of config.cases.entries()) {
      if (isTruthy(await evaluate(ctx, `cases.${i}.expression`, c.expression))) {
        return { kind: 'done', output: { case: c.id }, handle: c.id };
      }
    }
    return { kind: 'done', output: { case: SWITCH_DEFAULT_HANDLE }, handle: SWITCH_DEFAULT_HANDLE };
  },
};
