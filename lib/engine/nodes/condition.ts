/** `condition`: takes the `true` or `false` handle by the expression's truthiness. */
import { z } from 'zod';
import { isTruthy } from '../expressions';
import { evaluate, expressionString, parseConfig, stringField } from './common';
import type { NodeContext, NodeDefinition, NodeOutcome } from './types';

export const conditionConfig = z.object({
  expression: expressionString.meta({
    title: 'Condition',
    format: 'jsonata',
    description: 'Goes on by "true" when the value is truthy, else by "false".',
    examples: ['event.data.total > 100'],
  }),
});

export const conditionNode: NodeDefinition = {
  type: 'condition',
  category: 'flow',
  label: 'Condition',
  description: 'Goes on by the true or the false output, by a JSONata expression.',
  configSchema: conditionConfig,
  handles: () => ['true', 'false'],
  isTrigger: false,
  expressionFields: (config) => stringField(config, 'expression'),
  async run(ctx: NodeContext): Promise<NodeOutcome> {
    const config = parseConfig(conditionConfig, ctx);
    const result = isTruthy(await evaluate(ctx, 'expression', config.expression));
    return { kind: 'done', output: { result }, handle: result ? 'true' : 'false' };
  },
};
