'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { PasswordField } from './password-field';
import styles from './settings.module.css';
import { useMutation } from './use-mutation';

export function ChangePasswordForm({ email, name }: { email: string; name: string }) {
  const { run, pending, error } = useMutation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const res = await run('POST', '/api/auth/password', { currentPassword: current, newPassword: next });
    if (!res.ok) return;
    setCurrent('');
    setNext('');
    setDone(true);
  };

  return (
    <form onSubmit={submit} className={styles.stack} aria-label="Change password">
      <div className={styles.field}>
        <label htmlFor="current-password">Current password</label>
        <input id="current-password" type="password" autoComplete="current-password" required value={current}
          onChange={(e) => setCurrent(e.target.value)} aria-invalid={error?.fields.currentPassword ? true : undefined} />
      </div>
      <PasswordField label="New password" name="newPassword" value={next} onChange={setNext} person={{ email, name }} error={error?.fields.newPassword} />
      {error && <p className={styles.formError} role="alert">{error.message}</p>}
      {done && <p className={styles.notice} role="status">Password changed. Your other sessions were signed out.</p>}
      <div className={styles.actions}>
        <Button type="submit" variant="primary" disabled={pending}>{pending ? 'Saving…' : 'Change password'}</Button>
      </div>
    </form>
  );
}
