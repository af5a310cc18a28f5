import type { ReactNode } from 'react';
import styles from './ui.module.css';

export type PillTone = 'neutral' | 'success' | 'danger' | 'warning' | 'info';

export function Pill({ tone = 'neutral', children, title }: { tone?: PillTone; children: ReactNode; title?: string }) {
  return (
    <span className={`${styles.pill} ${styles[`pill_${tone}`]}`} title={title}>
      {children}
    </span>
  );
}

const RUN_TONES: Record<string, PillTone> = {
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'danger',
  running: 'info',
  queued: 'neutral',
  waiting: 'warning',
  pending: 'neutral',
  skipped: 'neutral',
};

export function StatusPill({ status }: { status: string }) {
  return <Pill tone={RUN_TONES[status] ?? 'neutral'}>{status}</Pill>;
}
