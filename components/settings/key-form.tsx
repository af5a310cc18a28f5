'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { Role } from '@/lib/auth/roles';
import { Reveal } from './reveal';
import { RoleOptions } from './role-select';
import styles from './settings.module.css';
import { useMutation } from './use-mutation';

const EXPIRIES = [
  { label: 'Never', days: 0 }, { label: '7 days', days: 7 }, { label: '30 days', days: 30 },
  { label: '90 days', days: 90 }, { label: '1 year', days: 365 },
];

export function KeyForm() {
  const { run, pending, error } = useMutation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [days, setDays] = useState(90);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const expiresAt = days > 0 ? new Date(Date.now() + days * 86_400_000).toISOString() : null;
    const res = await run<{ name: string; key: string }>('POST', '/api/keys', { name, role, expiresAt });
    if (!res.ok) return;
    setCreated(res.value);
    setName('');
  };

  return (
    <section className={styles.card} aria-labelledby="key-title">
      <h2 id="key-title">New API key</h2>
      <form onSubmit={submit}>
        <div className={styles.grid}>
          <div className={styles.field}>
            <label htmlFor="key-name">Name</label>
            <input id="key-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="orders service"
              aria-invalid={error?.fields.name ? true : undefined} />
          </div>
          <div className={styles.field}>
            <label htmlFor="key-role">Role</label>
            <select id="key-role" value={role} onChange={(e) => setRole(e.target.value as Role)}><RoleOptions /></select>
          </div>
          <div className={styles.field}>
            <label htmlFor="key-expiry">Expires</label>
            <select id="key-expiry" value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {EXPIRIES.map((x) => <option key={x.days} value={x.days}>{x.label}</option>)}
            </select>
          </div>
        </div>
        {error && <p className={styles.formError} role="alert">{error.message}</p>}
        <div className={styles.actions}>
          <Button type="submit" variant="primary" disabled={pending}>{pending ? 'Creating…' : 'Create key'}</Button>
        </div>
      </form>
      {created && (
        <Reveal label="API key" value={created.key}
          message={`The key "${created.name}". Copy it now: only its hash is kept, so it is not shown again. Send it as Authorization: Bearer <key>.`} />
      )}
    </section>
  );
}
