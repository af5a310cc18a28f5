'use client';

import { Button } from '@/components/ui/button';
import { Pill } from '@/components/ui/pill';
import type { ApiKeyView } from '@/lib/auth/api-keys';
import styles from './settings.module.css';
import { useMutation } from './use-mutation';
import { when } from './when';

const TONE = { active: 'success', expired: 'warning', revoked: 'danger' } as const;

export function KeysTable({ keys }: { keys: ApiKeyView[] }) {
  const { run, pending, error } = useMutation();
  return (
    <>
      {error && <p className={styles.formError} role="alert">{error.message}</p>}
      <table className={styles.table} aria-label="API keys">
        <thead><tr><th>Name</th><th>Key</th><th>Role</th><th>Status</th><th>Created</th><th>Last used</th><th>Expires</th><th /></tr></thead>
        <tbody>
          {keys.length === 0 && <tr><td colSpan={8} className={styles.empty}>No API keys yet (the bootstrap key from CAUSEWAY_API_KEY is not listed).</td></tr>}
          {keys.map((k) => (
            <tr key={k.id}>
              <td>{k.name}{k.createdBy && <div className={styles.muted}>by {k.createdBy}</div>}</td>
              <td><code>{k.prefix ? `${k.prefix}…` : '—'}</code></td>
              <td>{k.role}</td>
              <td><Pill tone={TONE[k.status as keyof typeof TONE] ?? 'neutral'}>{k.status}</Pill></td>
              <td>{when(k.createdAt)}</td>
              <td>{k.lastUsedAt ? when(k.lastUsedAt) : 'never'}</td>
              <td>{k.expiresAt ? when(k.expiresAt) : 'never'}</td>
              <td><div className={styles.rowActions}>
                {k.status !== 'revoked' && (
                  <Button size="sm" variant="danger" disabled={pending} aria-label={`Revoke ${k.name}`}
                    onClick={() => { if (window.confirm(`Revoke "${k.name}"? Requests with it are refused from now on.`)) void run('DELETE', `/api/keys/${k.id}`); }}>
                    Revoke
                  </Button>
                )}
              </div></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
