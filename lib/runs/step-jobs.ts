import { jobId, type Producer } from '@/lib/jobs/queues';
import type { StepStatus } from '@/db/schema';
import type { RunState } from './run-state';

/**
 * The BullMQ job id that carries a step in a given state. The same DB state always maps to the
 * same id, so the reconciler's re-adds deduplicate against live jobs, while each new attempt or
 * wake-up gets a fresh id (a job cannot re-add its own id while it is still active).
 */
export function stepJobId(runId: string, nodeId: string, status: StepStatus, attempt: number, resumed = false): string {
  if (status === 'waiting') return jobId('s', runId, nodeId, resumed ? `r${attempt}` : `w${attempt}`);
  if (status === 'running') return jobId('s', runId, nodeId, `p${Math.max(0, attempt - 1)}`);
  return jobId('s', runId, nodeId, `p${attempt}`);
}

export interface StepDispatch {
  runId: string;
  nodeId: string;
  status: StepStatus;
  attempt: number;
  resumed?: boolean;
  dueAt?: Date | null;
  /** The run and its steps as the dispatcher just committed them: a step run in the same job need not read them again. */
  known?: RunState;
  /** Committed as already claimed (running, this attempt) by the statement that created it, for this job to run next. */
  claimed?: boolean;
}

export async function dispatchSteps(producer: Producer, steps: StepDispatch[], now = Date.now()): Promise<void> {
  await producer.addBulk('step', steps.map((s) => ({
    payload: { runId: s.runId, nodeId: s.nodeId },
    jobId: stepJobId(s.runId, s.nodeId, s.status, s.attempt, s.resumed),
    delayMs: s.dueAt ? s.dueAt.getTime() - now : undefined,
  })));
}
