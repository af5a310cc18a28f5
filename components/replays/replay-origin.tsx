'use client';
/** On a run's page: for a replayed run, links to the run it replays and to its replay; for any run, "Re-send". */
import Link from 'next/link';
import { runHref } from './format';
import { ResendButton } from './resend-button';
import styles from './replays.module.css';

export interface ReplayMarks {
  id: string;
  workflowId: string;
  replayOf?: string;
  replayId?: string;
}

export function ReplayOrigin({ run }: { run: ReplayMarks }) {
  return (
    <div className={styles.banner} aria-label="Replay">
      {run.replayId ? (
        <>
          <span>Replayed run</span>
          {run.replayOf
            ? <Link className={styles.link} href={runHref(run.workflowId, run.replayOf)}>Open the original run</Link>
            : <span className={styles.muted}>(no original run: the event had not started this workflow)</span>}
          <Link className={styles.link} href={`/replays/${run.replayId}`}>Its replay</Link>
        </>
      ) : <span className={styles.muted}>Original run</span>}
      <span className={styles.spacer} />
      <ResendButton target={{ runId: run.id }} />
    </div>
  );
}
