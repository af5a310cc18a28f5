/**
 * `wait_for_event`: pauses the run until an event of a type (pattern) arrives for which
 * `match` holds, or until `timeout`. The worker evaluates `match` over
 * `{ event: candidate, trigger: the run's trigger event, steps }`; this node only hands it on.
 */
import { z } from 'zod';
import { durationOrNull } from '../duration';
import { durationSchema } from '../graph';
import { evaluateExpression, isTruthy } from '../expressions';
import { isValidTypePattern } from '../type-pattern';
import { expressionString, isTemplated, parseConfig, render, stringField } from './common';
import { NodeError, type NodeContext, type NodeDefinition, type NodeOutcome } from './types';

export const WAIT_RECEIVED_HANDLE = 'received';
export const WAIT_TIMEOUT_HANDLE = 'timeout';

export const waitForEventConfig = z.object({
  eventType: z
    .string()
    .refine((t) => isTemplated(t) || isValidTypePattern(t), {
      message: 'expected an event type pattern: dot-separated words, * for one word, ** for any number',
    })
    .meta({ title: 'Event type', description: 'The type (pattern) of the event to wait for.', examples: ['payment.captured'] }),
  match: expressionString.optional().meta({
    title: 'Match',
    format: 'jsonata',
    description: 'JSONata over event (the candidate), trigger (this run\'s event) and steps.',
    examples: ['event.data.orderId = trigger.data.orderId'],
  }),
  timeout: durationSchema
    .nullish()
    .meta({ title: 'Timeout', description: 'Go on by "timeout" after this long ("10m", "1h"); empty waits forever.' }),
});

async function run(ctx: NodeContext): Promise<NodeOutcome> {
  const config = parseConfig(waitForEventConfig, ctx);
  if (ctx.resume?.kind === 'event') {
    return { kind: 'done', output: ctx.resume.event, handle: WAIT_RECEIVED_HANDLE };
  }
  if (ctx.resume?.kind === 'timeout') {
    return { kind: 'done', output: null, handle: WAIT_TIMEOUT_HANDLE };
  }
  if (ctx.resume) {
    throw new NodeError(`wait_for_event cannot be resumed by "${ctx.resume.kind}"`, { code: 'resume' });
  }
  const eventType = await render(ctx, 'eventType', config.eventType);
  if (!isValidTypePattern(eventType)) {
    throw new NodeError(`config.eventType: ${JSON.stringify(eventType)} is not an event type pattern`, {
      code: 'config',
    });
  }
  const timeoutMs = config.timeout === undefined || config.timeout === null ? null : durationOrNull(config.timeout);
  const timeoutAt = timeoutMs === null ? null : new Date(ctx.ports.clock.now().getTime() + timeoutMs);
  return {
    kind: 'wait',
    eventType,
    ...(config.match !== undefined && { match: config.match }),
    timeoutAt,
  };
}

export const waitForEventNode: NodeDefinition = {
  type: 'wait_for_event',
  category: 'events',
  label: 'Wait for event',
  description: 'Pauses until a matching event arrives (output "received") or the timeout passes ("timeout").',
  configSchema: waitForEventConfig,
  handles: () => [WAIT_RECEIVED_HANDLE, WAIT_TIMEOUT_HANDLE],
  isTrigger: false,
  expressionFields: (config) => stringField(config, 'match'),
  run,
};

/**
 * For the worker: does a candidate event satisfy a waiting step's `match`? No match means
 * any event of the type will do; an expression that fails to evaluate never matches.
 */
export async function waitMatches(
  match: string | undefined,
  scope: { event: unknown; trigger: unknown; steps: Record<string, unknown> },
  opts?: { timeoutMs?: number },
): Promise<boolean> {
  if (match === undefined) return true;
  const r = await evaluateExpression(match, scope, opts);
  return r.ok && isTruthy(r.value);
}
