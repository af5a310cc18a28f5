'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { PasswordField } from './password-field';
import { postJson } from './post-json';
import styles from './settings.module.css';

/**
 * Owner setup and invite acceptance: a name and a new password (the email is typed for setup and
 * fixed by the invite), posted to `endpoint`, then into the app.
 */
export function AccountForm({ endpoint, fixedEmail, token, submitLabel }: {
  endpoint: string; fixedEmail?: string; token?: string; submitLabel: string;
}) {
  const [email, setEmail] = useState(fixedEmail ?? '');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const mismatch = confirm !== '' && confirm !== password;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    setPending(true);
    setError(null);
    const res = await postJson(endpoint, token ? { token, name, password } : { email, name, password });
    if (res.ok) {
      window.location.assign('/');
      return;
    }
    setPending(false);
    setFields(res.fields);
    setError(res.message.replace(/^./, (c) => c.toUpperCase()));
  };

  return (
    <form onSubmit={submit} className={styles.stack}>
      <div className={styles.field}>
        <label htmlFor="account-email">Email</label>
        <input id="account-email" type="email" autoComplete="username" required value={email} readOnly={fixedEmail !== undefined}
          onChange={(e) => setEmail(e.target.value)} aria-invalid={fields.email ? true : undefined} />
        {fields.email && <span className={styles.fieldError}>{fields.email}</span>}
      </div>
      <div className={styles.field}>
        <label htmlFor="account-name">Your name</label>
        <input id="account-name" autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <PasswordField label="Password" name="password" value={password} onChange={setPassword} person={{ email, name }} error={fields.password} />
      <div className={styles.field}>
        <label htmlFor="account-confirm">Password again</label>
        <input id="account-confirm" type="password" autoComplete="new-password" required value={confirm}
          onChange={(e) => setConfirm(e.target.value)} aria-invalid={mismatch ? true : undefined} />
        {mismatch && <span className={styles.fieldError}>The two passwords differ.</span>}
      </div>
      {error && <p className={styles.formError} role="alert">{error}</p>}
      <div className={styles.actions}>
        <Button type="submit" variant="primary" disabled={pending || mismatch}>{pending ? 'One moment…' : submitLabel}</Button>
      </div>
    </form>
  );
}
