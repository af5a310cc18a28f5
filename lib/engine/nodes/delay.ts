/**
 * `delay`: waits for a `duration` ("30s", or a {{ }} template giving one) or `until` a moment
 * (a JSONata expression giving a Date, an ISO string or epoch milliseconds). The first call
 * answers `sleep`; the worker calls again with resume `timer`, which finishes the step.
 */
import { z } from 'zod';
import { durationOrNull } from '../duration';
import { evaluate, expressionString, isTemplated, parseConfig, render, single, stringField } from './common';
import { NodeError, type NodeContext, type NodeDefinition, type NodeOutcome } from './types';

export const delayConfig = z
  .object({
    duration: z
      .union([z.string(), z.number()])
      .refine((d) => isTemplated(d) || durationOrNull(d) !== null, {
        message: 'expected a duration like "30s", "5m", "2h", "1d" (or milliseconds)',
      })
      .optional()
      .meta({ title: 'Duration', description: 'How long to wait: "30s", "5m", "2h", "1d". Set this or Until.', examples: ['5m'] }),
    until: expressionString.optional().meta({
      title: 'Until',
      format: 'jsonata',
      description: 'Or a moment: JSONata giving a date, an ISO time or epoch milliseconds.',
    }),
  })
  .superRefine((c, ctx) => {
    if ((c.duration === undefined) === (c.until === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['duration'], message: 'set either duration or until (exactly one)' });
    }
  });

/** A moment from an expression value: Date, ISO-8601 string or epoch milliseconds. */
export function toMoment(value: unknown): Date | null {
  let d: Date | null = null;
  if (value instanceof Date) d = new Date(value.getTime());
  else if (typeof value === 'number') d = new Date(value);
  else if (typeof value === 'string' && value.trim() !== '') d = new Date(value);
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

async function wakeTime(ctx: NodeContext, config: z.output<typeof delayConfig>): Promise<Date> {
  const now = ctx.ports.clock.now();
  if (config.until !== undefined) {
    const value = await evaluate(ctx, 'until', config.until);
    const at = toMoment(value);
    if (!at) {
      throw new NodeError(`config.until: ${JSON.stringify(value)} is not a date, ISO time or epoch milliseconds`, {
        code: 'expression',
      });
    }
    return at;
  }
  const rendered = await render(ctx, 'duration', config.duration);
  const ms = durationOrNull(rendered);
  if (ms === null) {
    throw new NodeError(`config.duration: ${JSON.stringify(rendered)} is not a duration`, { code: 'config' });
  }
  return new Date(now.getTime() + ms);
}

async function run(ctx: NodeContext): Promise<NodeOutcome> {
  const config = parseConfig(delayConfig, ctx);
  if (ctx.resume) {
    if (ctx.resume.kind !== 'timer') {
      throw new NodeError(`a delay cannot be resumed by "${ctx.resume.kind}"`, { code: 'resume' });
    }
    return { kind: 'done', output: { waitedUntil: ctx.ports.clock.now().toISOString() } };
  }
  const until = await wakeTime(ctx, config);
  if (until.getTime() <= ctx.ports.clock.now().getTime()) {
    return { kind: 'done', output: { waitedUntil: until.toISOString() } };
  }
  return { kind: 'sleep', until };
}

export const delayNode: NodeDefinition = {
  type: 'delay',
  category: 'flow',
  label: 'Delay',
  description: 'Waits for a duration, or until a moment given by an expression.',
  configSchema: delayConfig,
  handles: single,
  isTrigger: false,
  expressionFields: (config) => stringField(config, 'until'),
  run,
};
