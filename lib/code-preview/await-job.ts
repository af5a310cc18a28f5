/**
 * Puts a preview on the workers' queue and polls its job until a worker has answered. Polling
 * reads one hash per look and keeps no subscriber connection open in the web process.
 */
import { Job, type Queue } from 'bullmq';
import { ApiError } from '@/lib/http/errors';
import { parsePayload } from '@/lib/jobs/catalog';
import { codePreviewJobOptions, type CodePreviewPayload } from './job';
import type { CodePreviewOutcome } from './types';

export interface AwaitOptions {
  /** How long the job may wait for a worker to take it. */
  pickupMs: number;
  /** How long a worker may take once it has it (the code's time limit plus slack). */
  answerMs: number;
}

const unavailable = (message: string) => new ApiError('unavailable', message, undefined, 503, { 'retry-after': '5' });
const span = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runOnWorker(queue: Queue, payload: CodePreviewPayload, opts: AwaitOptions): Promise<CodePreviewOutcome> {
  let job: Job;
  try {
    job = await queue.add('code-preview', parsePayload('code-preview', payload), codePreviewJobOptions);
  } catch {
    throw unavailable('the job queue (Redis) is unavailable; retry later');
  }
  const id = job.id!;
  const takenBy = Date.now() + opts.pickupMs;
  const giveUpAt = takenBy + opts.answerMs + 1000;
  let answerBy: number | null = null;
  try {
    for (let interval = 20; ; interval = Math.min(200, Math.round(interval * 1.5))) {
      await sleep(interval);
      const now = await Job.fromId(queue, id).catch(() => {
        throw unavailable('the job queue (Redis) stopped answering while the preview ran; retry later');
      });
      if (!now) throw unavailable('the preview job vanished from the queue before a worker answered; run it again');
      if (now.finishedOn) {
        if (now.failedReason) throw new ApiError('preview_failed', 'the worker could not run the preview (see the worker log)', undefined, 500);
        return now.returnvalue as CodePreviewOutcome;
      }
      if (now.processedOn) answerBy ??= Date.now() + opts.answerMs;
      if (answerBy === null && Date.now() > takenBy && await withdrawn(queue, id)) {
        throw unavailable(`no worker took the preview within ${span(opts.pickupMs)}: is a worker running (npm run worker)?`);
      }
      if ((answerBy !== null && Date.now() > answerBy) || Date.now() > giveUpAt) {
        throw unavailable(`the worker did not answer within ${span(opts.answerMs)} of taking the preview`);
      }
    }
  } finally {
    await queue.remove(id).catch(() => {});
  }
}

/** Withdraws a job no worker has taken; false when one took it meanwhile (its lock stops the removal). */
async function withdrawn(queue: Queue, id: string): Promise<boolean> {
  try {
    return (await queue.remove(id)) === 1;
  } catch {
    return false;
  }
}
