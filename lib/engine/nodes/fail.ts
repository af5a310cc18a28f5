/** `fail`: ends its branch with a failure carrying a (templated) message. No outputs. */
import { z } from 'zod';
import { parseConfig, render } from './common';
import { NodeError, type NodeContext, type NodeDefinition, type NodeOutcome } from './types';

export const failConfig = z.object({
  message: z.string().trim().min(1, 'a message is required').meta({ title: 'Message', description: '{{ }} templates allowed.' }),
});

export const failNode: NodeDefinition = {
  type: 'fail',
  category: 'flow',
  label: 'Fail',
  description: 'Fails the run with a message.',
  configSchema: failConfig,
  handles: () => [],
  isTrigger: false,
  async run(ctx: NodeContext): Promise<NodeOutcome> {
    const config = parseConfig(failConfig, ctx);
    const message = await render(ctx, 'message', config.message);
    const text = typeof message === 'string' ? message : JSON.stringify(message) ?? '';
    throw new NodeError(text || 'the workflow failed', { code: 'fail' });
  },
};
