/** `emit`: appends a follow-up event (caused by this run) to the log; output `{ id, seq }`. */
import { z } from 'zod';
import { isValidEventType } from '../type-pattern';
import { isTemplated, parseConfig, render, single } from './common';
import { NodeError, type NodeContext, type NodeDefinition, type NodeOutcome } from './types';

export const emitConfig = z.object({
  eventType: z
    .string()
    .refine((t) => isTemplated(t) || isValidEventType(t), {
      message: 'expected a concrete event type: dot-separated words of letters, digits, _ or -',
    })
    .meta({ title: 'Event type', description: 'The type of the new event (no wildcards).', examples: ['payment.captured'] }),
  data: z.unknown().optional().meta({ title: 'Data', format: 'json', description: 'JSON, or a {{ }} template giving the data.' }),
  subject: z.string().optional().meta({ title: 'Subject', description: 'Optional; often the id of what the event is about.' }),
});

async function run(ctx: NodeContext): Promise<NodeOutcome> {
  const config = parseConfig(emitConfig, ctx);
  const type = await render(ctx, 'eventType', config.eventType);
  if (!isValidEventType(type)) {
    throw new NodeError(`config.eventType: ${JSON.stringify(type)} is not a concrete event type`, { code: 'config' });
  }
  const data = config.data === undefined ? null : await render(ctx, 'data', config.data);
  let subject: string | undefined;
  if (config.subject !== undefined) {
    const rendered = await render(ctx, 'subject', config.subject);
    if (rendered !== undefined && rendered !== null && rendered !== '') {
      subject = typeof rendered === 'string' ? rendered : JSON.stringify(rendered);
    }
  }
  const emitted = await ctx.ports.emit({ type, data, ...(subject !== undefined && { subject }) });
  return { kind: 'done', output: { id: emitted.id, seq: emitted.seq } };
}

export const emitNode: NodeDefinition = {
  type: 'emit',
  category: 'events',
  label: 'Emit event',
  description: 'Logs a new event caused by this run, which other workflows can react to.',
  configSchema: emitConfig,
  handles: single,
  isTrigger: false,
  run,
};
