/** The contract between the worker and node types. */
import type { z } from 'zod';
import type { WorkflowNode } from '../graph';
import type { Ports } from '../ports';

export type { Ports } from '../ports';

export interface RunScope {
  event: unknown;
  steps: Record<string, unknown>;
  run: { id: string; workflowId: string; version: number };
  /** Stored secrets by name, present only for steps whose config mentions `secrets` (the worker masks them in what it stores). */
  secrets?: Record<string, string>;
}

export type Resume = { kind: 'timer' } | { kind: 'event'; event: unknown } | { kind: 'timeout' };

export interface NodeContext {
  node: WorkflowNode;
  /** 1 for the first attempt. */
  attempt: number;
  /** `${runId}:${nodeId}` */
  idempotencyKey: string;
  scope: RunScope;
  /** Set when the worker calls run() again after a `sleep` or `wait` outcome. */
  resume?: Resume;
  ports: Ports;
  expressionTimeoutMs?: number;
}

export type NodeOutcome =
  /** handle undefined = the default output (`out`) */
  | { kind: 'done'; output: unknown; handle?: string }
  /** the worker calls run() again with resume {kind:'timer'} at or after `until` */
  | { kind: 'sleep'; until: Date }
  /**
   * the worker resumes with {kind:'event', event} for the first logged event whose type
   * matches `eventType` and for which `match` (JSONata over {event, trigger, steps}) is
   * truthy, or with {kind:'timeout'} at `timeoutAt` (null = wait forever)
   */
  | { kind: 'wait'; eventType: string; match?: string; timeoutAt: Date | null };

export interface NodeErrorOptions {
  /** Default false: only say true for failures that another attempt may cure. */
  retriable?: boolean;
  code?: string;
  /** Extra facts for the step record, e.g. the HTTP response of a failed call. */
  details?: unknown;
  /** Earliest sensible retry, e.g. from a Retry-After header. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * A failure thrown by run(). Anything else thrown (a network error from a port, a bug)
 * should be treated by the worker as retriable.
 */
export class NodeError extends Error {
  readonly retriable: boolean;
  readonly code?: string;
  readonly details?: unknown;
  readonly retryAfterMs?: number;

  constructor(message: string, options: NodeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NodeError';
    this.retriable = options.retriable ?? false;
    this.code = options.code;
    this.details = options.details;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export interface ExpressionField {
  /** Path inside config, e.g. `expression` or `cases.0.expression`. */
  path: string;
  expression: string;
}

export type NodeCategory = 'trigger' | 'action' | 'flow' | 'events';

export interface NodeDefinition {
  type: string;
  category: NodeCategory;
  label: string;
  description: string;
  /** Validated BEFORE templates are rendered: templated values must pass as strings. */
  configSchema: z.ZodType;
  /** Output handle names for a config (which may be invalid); [] for `fail`. */
  handles(config: unknown): string[];
  isTrigger: boolean;
  /** The JSONata (not template) fields of a config, for syntax validation. */
  expressionFields?(config: unknown): ExpressionField[];
  /** Triggers have no run. */
  run?(ctx: NodeContext): Promise<NodeOutcome>;
}
