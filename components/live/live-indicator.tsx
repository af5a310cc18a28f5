import type { LiveState } from './use-live-stream';
import styles from './live.module.css';

const LABELS: Record<LiveState, string> = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', off: 'Paused' };

export function LiveIndicator({ state, label }: { state: LiveState; label?: string }) {
  return (
    <span className={styles.indicator} data-live={state} role="status" aria-live="polite" title="Updates as they happen, without reloading">
      {label ?? LABELS[state]}
    </span>
  );
}
