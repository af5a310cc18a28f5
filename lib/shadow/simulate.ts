/**
 * Runs one event through a draft in memory, for a shadow replay. Nodes that act on the world
 * (`http`, `emit`, `code` with fetch) and nodes that wait on time or events (`delay`,
 * `wait_for_event`) are not run: they take the outcome the original run recorded for the same
 * node id, or are skipped when it recorded none. Everything else is computed as the worker would
 * (code in the sandbox with fetch off). The ports given to nodes refuse all IO, so nothing leaves
 * the process and nothing is stored.
 */
import { nodePolicy, type WorkflowNode } from '@/lib/engine/graph';
import { getNodeDefinition, isTriggerNode, NodeError, type NodeContext, type Ports } from '@/lib/engine/nodes';
import type { CodeRequest, CodeResult } from '@/lib/engine/ports';
import { planNext, startRun, type FinishedMap } from '@/lib/engine/plan';
import type { LoggedEvent } from '@/lib/events/types';
import type { LoadedVersion } from '@/lib/runs/versions';
import type { StepOutcome } from './compare';

export type RunCode = (req: CodeRequest) => Promise<CodeResult>;

export interface ShadowStep extends StepOutcome {
  /** Taken from the original run instead of being run. */
  recorded?: boolean;
}

export interface SimulateInput {
  version: LoadedVersion;
  triggerNodeId: string;
  event: LoggedEvent;
  /** The original run's steps by node id (empty when there is no original run). */
  recorded: Map<string, StepOutcome>;
  /** `run.id` as expressions see it: the original run's, so that outputs derived from it compare equal. */
  runId: string;
  runCode?: RunCode;
  expressionTimeoutMs?: number;
}

const RECORDED_TYPES = new Set(['http', 'emit', 'delay', 'wait_for_event']);

/** Whether the shadow takes this node's outcome from the original run rather than running it. */
export function isRecordedNode(node: Pick<WorkflowNode, 'type' | 'config'>): boolean {
  if (RECORDED_TYPES.has(node.type)) return true;
  return node.type === 'code' && (node.config as { allowFetch?: unknown } | undefined)?.allowFetch === true;
}

const refuse = (what: string) => async (): Promise<never> => {
  throw new NodeError(`a shadow replay makes no ${what}`, { code: 'shadow_refused' });
};

function shadowPorts(runCode: RunCode | undefined): Ports {
  return {
    clock: { now: () => new Date() },
    http: refuse('HTTP request'),
    emit: refuse('event'),
    ...(runCode && { runCode: (req: CodeRequest) => runCode({ ...req, allowFetch: false }) }),
  };
}

export async function simulateRun(input: SimulateInput): Promise<ShadowStep[]> {
  const { version, event } = input;
  const doc = version.document;
  const finished: FinishedMap = startRun(doc, input.triggerNodeId);
  const out: ShadowStep[] = [{ nodeId: input.triggerNodeId, status: 'succeeded', handle: 'out', output: event, error: null }];
  for (const node of doc.nodes) {
    if (isTriggerNode(node) && node.id !== input.triggerNodeId) out.push({ nodeId: node.id, status: 'skipped', handle: null, output: null, error: null });
  }
  const outputs: Record<string, unknown> = { [input.triggerNodeId]: event };
  const ports = shadowPorts(input.runCode);

  for (;;) {
    const plan = planNext(doc, finished);
    for (const id of plan.skipped) {
      finished[id] = { state: 'skipped' };
      out.push({ nodeId: id, status: 'skipped', handle: null, output: null, error: null });
    }
    if (plan.ready.length === 0) return out;
    for (const id of plan.ready) {
      const node = version.nodes.get(id)!;
      const step = isRecordedNode(node) ? fromRecording(input.recorded.get(id), id) : await compute(input, node, outputs, ports);
      out.push(step);
      if (step.status === 'skipped') finished[id] = { state: 'skipped' };
      else if (step.handle !== null) {
        finished[id] = { state: 'done', handle: step.handle };
        outputs[id] = step.output;
      } else return out; // a failure without onError handling ends the run, as it would in the worker
    }
  }
}

function fromRecording(step: StepOutcome | undefined, nodeId: string): ShadowStep {
  if (!step || (step.status !== 'succeeded' && step.status !== 'failed')) {
    return { nodeId, status: 'skipped', handle: null, output: null, error: null, recorded: true };
  }
  return { nodeId, status: step.status, handle: step.handle, output: step.output, error: step.error, recorded: true };
}

async function compute(input: SimulateInput, node: WorkflowNode, outputs: Record<string, unknown>, ports: Ports): Promise<ShadowStep> {
  const definition = getNodeDefinition(node.type);
  const ctx: NodeContext = {
    node, attempt: 1,
    idempotencyKey: `${input.runId}:${node.id}`,
    scope: { event: input.event, steps: { ...outputs }, run: { id: input.runId, workflowId: input.version.workflowId, version: input.version.version } },
    ports,
    expressionTimeoutMs: input.expressionTimeoutMs,
  };
  try {
    if (!definition?.run) throw new NodeError(`node type ${node.type} cannot run`);
    const outcome = await definition.run(ctx);
    if (outcome.kind !== 'done') return { nodeId: node.id, status: 'skipped', handle: null, output: null, error: null };
    return { nodeId: node.id, status: 'succeeded', handle: outcome.handle ?? 'out', output: outcome.output ?? null, error: null };
  } catch (err) {
    // No retries: another attempt at a computation gives the same answer.
    const e = err as { message?: string; code?: string };
    const error = { message: e?.message ?? String(err), ...(e?.code ? { code: e.code } : {}), attempt: 1 };
    const onError = nodePolicy(node).onError;
    const handle = onError === 'continue' ? 'out' : onError === 'branch' ? 'error' : null;
    return { nodeId: node.id, status: 'failed', handle, output: handle ? { error } : null, error };
  }
}
