/** `trigger.event`: starts a run for each logged event whose type matches, if the filter agrees. */
import { z } from 'zod';
import { evaluateExpression, isTruthy } from '../expressions';
import type { WorkflowNode } from '../graph';
import { isValidTypePattern, matchesTypePattern } from '../type-pattern';
import { expressionString, single, stringField } from './common';
import type { NodeDefinition } from './types';

export const triggerEventConfig = z.object({
  eventType: z
    .string()
    .refine(isValidTypePattern, {
      message: 'expected an event type pattern: dot-separated words, * for one word, ** for any number',
    })
    .meta({
      title: 'Event type',
      description: 'Dot-separated words; * matches one word, ** any number (order.*, payment.**).',
      examples: ['order.placed'],
    }),
  filter: expressionString.optional().meta({
    title: 'Filter',
    format: 'jsonata',
    description: 'Optional JSONata condition over the event; a run starts only when it holds.',
    examples: ['data.total > 100'],
  }),
});

export const triggerEventNode: NodeDefinition = {
  type: 'trigger.event',
  category: 'trigger',
  label: 'Event trigger',
  description: 'Starts a run for every event whose type matches the pattern and the optional filter.',
  configSchema: triggerEventConfig,
  handles: single,
  isTrigger: true,
  expressionFields: (config) => stringField(config, 'filter'),
};

/**
 * The filter's input is the event itself plus an `event` field pointing at it, so both the
 * form of SPEC §5 (`data.total > 0`) and the scope form (`event.data.total > 0`) work.
 */
export function triggerFilterScope(event: unknown): object {
  return event !== null && typeof event === 'object' && !Array.isArray(event)
    ? { ...(event as object), event }
    : { event };
}

/**
 * Whether an event starts this trigger: its type matches the pattern and the filter (if any)
 * is truthy. A config that does not parse, or a filter that fails to evaluate, never matches.
 */
export async function triggerMatches(
  node: Pick<WorkflowNode, 'type' | 'config'>,
  event: { type?: unknown } & object,
  opts?: { timeoutMs?: number },
): Promise<boolean> {
  if (node.type !== 'trigger.event') return false;
  const parsed = triggerEventConfig.safeParse(node.config ?? {});
  if (!parsed.success || typeof event.type !== 'string') return false;
  if (!matchesTypePattern(parsed.data.eventType, event.type)) return false;
  if (parsed.data.filter === undefined) return true;
  const r = await evaluateExpression(parsed.data.filter, triggerFilterScope(event), opts);
  return r.ok && isTruthy(r.value);
}
