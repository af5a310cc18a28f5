'use client';

import { useId } from 'react';
import { passwordProblem, MIN_PASSWORD_LENGTH } from '@/lib/auth/password-policy';
import styles from './settings.module.css';

/** A new-password input that says, as you type, what the server's strength check will say. */
export function PasswordField({ label, name, value, onChange, person, error }: {
  label: string; name: string; value: string; onChange: (v: string) => void; person: { email?: string; name?: string }; error?: string;
}) {
  const id = useId();
  const problem = value === '' ? null : passwordProblem(value, person);
  const shown = error ?? (problem ? `The password ${problem}.` : null);
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type="password" autoComplete="new-password" required value={value}
        onChange={(e) => onChange(e.target.value)} aria-invalid={shown ? true : undefined} aria-describedby={`${id}-hint`} />
      <span id={`${id}-hint`} className={shown ? styles.fieldError : value ? styles.good : styles.hint} aria-live="polite">
        {shown ?? (value ? 'Strong enough.' : `At least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words work well.`)}
      </span>
    </div>
  );
}
