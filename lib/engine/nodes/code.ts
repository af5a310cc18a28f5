/** `code`: JavaScript in a sandbox (SPEC §5). Not available yet: the config validates, run fails. */
import { z } from 'zod';
import { parseConfig, single } from './common';
import { NodeError, type NodeContext, type NodeDefinition, type NodeOutcome } from './types';

export const codeConfig = z.object({ source: z.string() });

export const codeNode: NodeDefinition = {
  type: 'code',
  category: 'action',
  label: 'Code',
  description: 'Runs JavaScript in a sandbox (not available yet).',
  configSchema: codeConfig,
  handles: single,
  isTrigger: false,
  async run(ctx: NodeContext): Promise<NodeOutcome> {
    parseConfig(codeConfig, ctx);
    throw new NodeError('the code node is not available yet', { code: 'not_available' });
  },
};
