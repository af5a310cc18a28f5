'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { postJson } from './post-json';
import styles from './settings.module.css';

export function SigninForm({ next }: { next: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const res = await postJson('/api/auth/signin', { email, password });
    if (res.ok) {
      // a full load, so that the top bar and every page see the new session
      window.location.assign(next);
      return;
    }
    setPending(false);
    setError(res.status === 401 ? 'The email or password is not right.' : res.message.replace(/^./, (c) => c.toUpperCase()));
  };

  return (
    <form onSubmit={submit} className={styles.stack} aria-label="Sign in">
      <div className={styles.field}>
        <label htmlFor="signin-email">Email</label>
        <input id="signin-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className={styles.field}>
        <label htmlFor="signin-password">Password</label>
        <input id="signin-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </div>
      {error && <p className={styles.formError} role="alert">{error}</p>}
      <div className={styles.actions}>
        <Button type="submit" variant="primary" disabled={pending}>{pending ? 'Signing in…' : 'Sign in'}</Button>
      </div>
    </form>
  );
}
