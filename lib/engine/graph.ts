/**
 * The workflow document (SPEC §5): the single zod definition, shared by the API, the editor,
 * import/export and the worker. Unknown node types are accepted here (validation reports
 * them), so a draft can always be saved, exported and imported.
 */
import { z } from 'zod';
import { durationOrNull } from './duration';

export const NODE_ID_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The handle of a node's single output; an edge with no sourceHandle means this one. */
export const DEFAULT_HANDLE = 'out';
/** The extra handle a node gets with `onError: "branch"`. */
export const ERROR_HANDLE = 'error';

export const durationSchema = z
  .union([z.string(), z.number()])
  .refine((v) => durationOrNull(v) !== null, {
    message: 'expected a duration: milliseconds or a string like "250ms", "30s", "5m", "2h", "1d"',
  });

export const retrySchema = z.object({
  attempts: z.number().int().min(1).max(20).meta({ title: 'Attempts', description: 'The first try included (1 to 20).' }),
  backoff: z.enum(['fixed', 'exponential']).meta({ title: 'Backoff' }),
  delay: durationSchema.meta({ title: 'Delay', description: 'Before the first retry ("200ms", "5s").' }),
});

export const onErrorSchema = z.enum(['fail', 'continue', 'branch']).meta({
  title: 'On error',
  description: 'fail: the run fails; continue: go on with the error as output; branch: take the "error" output.',
});

export const nodeSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(NODE_ID_RE, 'node ids start with a letter or _ and hold only letters, digits and _'),
  type: z.string().min(1).max(100),
  position: z.object({ x: z.number(), y: z.number() }),
  config: z.record(z.string(), z.unknown()).default({}),
  retry: retrySchema.optional(),
  onError: onErrorSchema.optional(),
});

export const edgeSchema = z.object({
  id: z.string().min(1).max(200),
  source: z.string().min(1),
  target: z.string().min(1),
  sourceHandle: z.string().nullish(),
  targetHandle: z.string().nullish(),
});

export const workflowDocumentSchema = z.object({
  name: z.string().min(1).max(200),
  description: z.string().optional(),
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema),
});

export type WorkflowDocument = z.infer<typeof workflowDocumentSchema>;
export type WorkflowNode = z.infer<typeof nodeSchema>;
export type WorkflowEdge = z.infer<typeof edgeSchema>;
export type RetrySpec = z.infer<typeof retrySchema>;
export type OnError = z.infer<typeof onErrorSchema>;

/** The output handle an edge leaves from (null/undefined mean the default output). */
export function edgeHandle(edge: Pick<WorkflowEdge, 'sourceHandle'>): string {
  return edge.sourceHandle ?? DEFAULT_HANDLE;
}

export interface NodePolicy {
  retry: { attempts: number; backoff: 'fixed' | 'exponential'; delayMs: number };
  onError: OnError;
}

/**
 * Retry and error policy of a node: the node-level fields win, then `config.retry` /
 * `config.onError`; an invalid value falls back to the default (validation reports it).
 */
export function nodePolicy(node: Pick<WorkflowNode, 'retry' | 'onError' | 'config'>): NodePolicy {
  const config = node.config ?? {};
  const retry = retrySchema.safeParse(node.retry ?? config.retry);
  const onError = onErrorSchema.safeParse(node.onError ?? config.onError);
  return {
    retry: retry.success
      ? {
          attempts: retry.data.attempts,
          backoff: retry.data.backoff,
          delayMs: durationOrNull(retry.data.delay) ?? 1000,
        }
      : { attempts: 1, backoff: 'fixed', delayMs: 1000 },
    onError: onError.success ? onError.data : 'fail',
  };
}

/**
 * Milliseconds to wait before retry number `failedAttempts` + 1, after `failedAttempts`
 * failed attempts (1-based): fixed = delay; exponential = delay * 2^(failedAttempts - 1),
 * capped at one day.
 */
export function retryDelayMs(policy: NodePolicy, failedAttempts: number): number {
  const { backoff, delayMs } = policy.retry;
  if (backoff === 'fixed') return delayMs;
  return Math.min(delayMs * 2 ** Math.max(0, failedAttempts - 1), 86_400_000);
}
