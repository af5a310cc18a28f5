'use client';

import { CopyButton } from '@/components/webhooks/copy-button';
import styles from './settings.module.css';

/** A value shown this once (an API key, an invite link), with a copy button. */
export function Reveal({ label, message, value }: { label: string; message: string; value: string }) {
  return (
    <div className={styles.reveal} role="status" aria-label={label}>
      <p>{message}</p>
      <div className={styles.copyRow}>
        <pre className={styles.copyValue} data-testid="revealed-value">{value}</pre>
        <CopyButton value={value} label={label} />
      </div>
    </div>
  );
}
