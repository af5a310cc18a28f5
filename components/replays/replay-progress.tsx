'use client';
/** A replay's progress: events walked, runs started / finished / failed, and its status. */
import { StatusPill } from '@/components/ui/pill';
import type { ReplayView } from '@/lib/replays/present';
import { percent } from './format';
import styles from './replays.module.css';

export function ReplayProgress({ replay }: { replay: ReplayView }) {
  const { events, runs } = replay.progress;
  const shadow = replay.kind === 'shadow';
  return (
    <section className={styles.card} aria-label="Progress">
      <h2>Progress <StatusPill status={replay.status} /></h2>
      <div className={styles.progress}>
        <span>Events replayed</span>
        <div className={styles.bar} role="progressbar" aria-label="Events replayed" aria-valuenow={events.done} aria-valuemax={events.total}>
          <span style={{ width: `${percent(events.done, events.total)}%` }} />
        </div>
        <span><b>{events.done}</b> / {events.total}</span>
        {!shadow && (
          <>
            <span>Runs finished</span>
            <div className={styles.bar} role="progressbar" aria-label="Runs finished" aria-valuenow={runs.finished} aria-valuemax={Math.max(runs.started, replay.estimate.runs)}>
              <span style={{ width: `${percent(runs.finished, Math.max(runs.started, replay.estimate.runs))}%` }} />
            </div>
            <span><b>{runs.finished}</b> / {Math.max(runs.started, replay.estimate.runs)}</span>
          </>
        )}
      </div>
      {shadow ? (
        <p className={styles.counts} aria-label="Comparisons">
          <span>compared <b>{replay.progress.compared ?? 0}</b></span>
          <span>with differences <b>{replay.progress.differing ?? 0}</b></span>
        </p>
      ) : (
        <p className={styles.counts} aria-label="Runs">
          <span>started <b>{runs.started}</b></span>
          <span>in flight <b>{runs.inFlight}</b></span>
          <span>succeeded <b>{runs.succeeded}</b></span>
          <span>failed <b>{runs.failed}</b></span>
          <span>cancelled <b>{runs.cancelled}</b></span>
        </p>
      )}
      {replay.error && <p className={styles.problem} role="alert">Last batch failed (retrying): {String((replay.error as { message?: string }).message ?? '')}</p>}
    </section>
  );
}
