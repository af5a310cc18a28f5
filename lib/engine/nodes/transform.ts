/** `transform`: the output is the value of a JSONata expression. */
import { z } from 'zod';
import { evaluate, expressionString, parseConfig, single, stringField } from './common';
import type { NodeContext, NodeDefinition, NodeOutcome } from './types';

export const transformConfig = z.object({
  expression: expressionString.meta({
    title: 'Expression',
    format: 'jsonata',
    description: 'JSONata over event, steps and run; its value is the output of the step.',
    examples: ['{ "orderId": event.data.orderId }'],
  }),
});

export const transformNode: NodeDefinition = {
  type: 'transform',
  category: 'action',
  label: 'Transform',
  description: 'Computes a value with a JSONata expression over event, steps and run.',
  configSchema: transformConfig,
  handles: single,
  isTrigger: false,
  expressionFields: (config) => stringField(config, 'expression'),
  async run(ctx: NodeContext): Promise<NodeOutcome> {
    const config = parseConfig(transformConfig, ctx);
    return { kind: 'done', output: await evaluate(ctx, 'expression', config.expression) };
  },
};
