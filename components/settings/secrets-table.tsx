'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { SecretView } from '@/lib/secrets/store';
import styles from './settings.module.css';
import { useMutation } from './use-mutation';
import { when } from './when';

function ReplaceValue({ name, onDone }: { name: string; onDone: () => void }) {
  const { run, pending, error } = useMutation();
  const [value, setValue] = useState('');
  return (
    <form className={styles.copyRow} onSubmit={async (e) => { e.preventDefault(); if ((await run('PUT', `/api/secrets/${name}`, { value })).ok) onDone(); }}>
      <input type="password" required autoComplete="off" aria-label={`New value of ${name}`} value={value} onChange={(e) => setValue(e.target.value)} />
      <Button type="submit" size="sm" variant="primary" disabled={pending}>Save</Button>
      <Button size="sm" variant="ghost" onClick={onDone}>Cancel</Button>
      {error && <span className={styles.fieldError} role="alert">{error.message}</span>}
    </form>
  );
}

/** Names and dates only: values never leave the server. Admins may replace or delete. */
export function SecretsTable({ secrets, canManage }: { secrets: SecretView[]; canManage: boolean }) {
  const { run, pending, error } = useMutation();
  const [replacing, setReplacing] = useState<string | null>(null);
  return (
    <>
      {error && <p className={styles.formError} role="alert">{error.message}</p>}
      <table className={styles.table} aria-label="Secrets">
        <thead><tr><th>Name</th><th>Use as</th><th>Value</th><th>Updated</th><th /></tr></thead>
        <tbody>
          {secrets.length === 0 && <tr><td colSpan={5} className={styles.empty}>No secrets yet.</td></tr>}
          {secrets.map((s) => (
            <tr key={s.name}>
              <td><code>{s.name}</code></td>
              <td><code>{`{{ secrets.${s.name} }}`}</code></td>
              <td>{replacing === s.name ? <ReplaceValue name={s.name} onDone={() => setReplacing(null)} /> : <span className={styles.muted}>hidden</span>}</td>
              <td>{when(s.updatedAt)}{s.updatedBy && <div className={styles.muted}>by {s.updatedBy}</div>}</td>
              <td><div className={styles.rowActions}>
                {canManage && replacing !== s.name && (
                  <>
                    <Button size="sm" onClick={() => setReplacing(s.name)} aria-label={`Replace the value of ${s.name}`}>Replace value</Button>
                    <Button size="sm" variant="danger" disabled={pending} aria-label={`Delete ${s.name}`}
                      onClick={() => { if (window.confirm(`Delete ${s.name}? Steps that use it will fail.`)) void run('DELETE', `/api/secrets/${s.name}`); }}>
                      Delete
                    </Button>
                  </>
                )}
              </div></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
