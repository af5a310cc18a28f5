/**
 * What a new run does first. Steps that only compute (`transform`, `condition`, `switch`) need no
 * checkpoint of their own: another attempt would give the same answer from the same inputs. So
 * routing evaluates the computing steps a new run makes ready in memory, before it writes the run,
 * and writes them finished in the same statement as the run; a run made only of such steps is
 * written succeeded at once and never reaches the step queue. A step that acts on the world or
 * waits (`http`, `emit`, `code`, `delay`, `wait_for_event`, `fail`), that mentions secrets, that
 * throws or whose output PostgreSQL cannot store is left ready, to run the durable way (claimed,
 * retried and recorded per attempt) — so its failure is recorded exactly as before.
 */
import type { WorkflowNode } from '@/lib/engine/graph';
import { getNodeDefinition, NodeError, type NodeContext, type Ports } from '@/lib/engine/nodes';
import { planNext, startRun, type FinishedMap } from '@/lib/engine/plan';
import { assertStorable } from '@/lib/events/ingest/storable';
import type { LoggedEvent } from '@/lib/events/types';
import { mentionsSecrets } from '@/lib/secrets/references';
import type { LoadedVersion } from './versions';

const COMPUTING_TYPES = new Set(['transform', 'condition', 'switch']);

export const isComputingStep = (node: Pick<WorkflowNode, 'type' | 'config'>) => COMPUTING_TYPES.has(node.type) && !mentionsSecrets(node.config);

export interface EvaluatedStep {
  nodeId: string;
  handle: string;
  output: unknown;
  input: unknown;
  startedAt: string;
  finishedAt: string;
}

export interface FirstSteps {
  /** Computing steps evaluated here, in the order they ran. */
  done: EvaluatedStep[];
  /** Steps to run the durable way, in document order. */
  ready: string[];
  skipped: string[];
}

type NewRun = { event: LoggedEvent; version: LoadedVersion; trigger: WorkflowNode; runId: string };

/**
 * The run's first steps: the computing steps evaluated, and the steps left ready or skipped. No step
 * is started after `deadline` (a Date.now() instant); what is left then stays ready.
 */
export async function firstSteps(run: NewRun, deadline: number): Promise<FirstSteps> {
  const doc = run.version.document;
  const finished: FinishedMap = startRun(doc, run.trigger.id);
  const skipped = Object.keys(finished).filter((id) => id !== run.trigger.id);
  const outputs: Record<string, unknown> = { [run.trigger.id]: run.event };
  const done: EvaluatedStep[] = [];
  const held = new Set<string>();
  for (;;) {
    const plan = planNext(doc, finished, held);
    for (const id of plan.skipped) finished[id] = { state: 'skipped' };
    skipped.push(...plan.skipped);
    let progressed = false;
    for (const id of plan.ready) {
      const node = run.version.nodes.get(id)!;
      const step = isComputingStep(node) && Date.now() < deadline ? await evaluate(run, node, outputs) : undefined;
      if (!step) {
        held.add(id);
        continue;
      }
      finished[id] = { state: 'done', handle: step.handle };
      outputs[id] = step.output;
      done.push(step);
      progressed = true;
    }
    if (!progressed) break;
  }
  return { done, ready: doc.nodes.map((n) => n.id).filter((id) => held.has(id)), skipped };
}

const refuse = async (): Promise<never> => {
  throw new NodeError('a computing step has no IO', { code: 'no_io' });
};
const noPorts: Ports = { clock: { now: () => new Date() }, http: refuse, emit: refuse };

/** The step's outcome, as stored and as later expressions will read it; undefined when it must run the durable way. */
async function evaluate(run: NewRun, node: WorkflowNode, outputs: Record<string, unknown>): Promise<EvaluatedStep | undefined> {
  const context: NodeContext = {
    node, attempt: 1,
    idempotencyKey: `${run.runId}:${node.id}`,
    scope: { event: run.event, steps: { ...outputs }, run: { id: run.runId, workflowId: run.version.workflowId, version: run.version.version } },
    ports: noPorts,
  };
  const startedAt = new Date().toISOString();
  try {
    const outcome = await getNodeDefinition(node.type)!.run!(context);
    if (outcome.kind !== 'done') return undefined;
    // what a durable step's successors read is its output after a trip through jsonb
    const output = JSON.parse(JSON.stringify(outcome.output ?? null)) as unknown;
    assertStorable(output, 'output');
    return { nodeId: node.id, handle: outcome.handle ?? 'out', output, input: node.config ?? {}, startedAt, finishedAt: new Date().toISOString() };
  } catch {
    return undefined;
  }
}
