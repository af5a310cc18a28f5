'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { Role } from '@/lib/auth/roles';
import { Reveal } from './reveal';
import { RoleOptions } from './role-select';
import styles from './settings.module.css';
import { useMutation } from './use-mutation';

export function InviteForm() {
  const { run, pending, error } = useMutation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLink(null);
    const res = await run<{ email: string; path: string }>('POST', '/api/users/invites', { email, role });
    if (!res.ok) return;
    // the address this browser reached us on, which a proxy may hide from the server
    setLink({ email: res.value.email, url: new URL(res.value.path, window.location.origin).toString() });
    setEmail('');
  };

  return (
    <section className={styles.card} aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <form onSubmit={submit}>
        <div className={styles.grid}>
          <div className={styles.field}>
            <label htmlFor="invite-email">Email</label>
            <input id="invite-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)}
              aria-invalid={error?.fields.email ? true : undefined} />
          </div>
          <div className={styles.field}>
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}><RoleOptions /></select>
          </div>
        </div>
        {error && <p className={styles.formError} role="alert">{error.message}</p>}
        <div className={styles.actions}>
          <Button type="submit" variant="primary" disabled={pending}>{pending ? 'Creating…' : 'Create invite link'}</Button>
        </div>
      </form>
      {link && (
        <Reveal label="Invite link" value={link.url}
          message={`Send this link to ${link.email}. It works once, for 7 days, and is not shown again.`} />
      )}
    </section>
  );
}
