'use client';

import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import type { FormAction } from './form-state';
import { useFormAction } from './use-form-action';
import { SecretReveal } from './secret-reveal';
import styles from './webhooks.module.css';

const GRACE = [
  [3600, '1 hour'], [86_400, '24 hours'], [7 * 86_400, '7 days'], [0, 'no grace: stop accepting it now'],
] as const;

/** A new secret; the old one keeps working for the chosen grace period while senders switch over. */
export function RotateForm({ action, secretRequired }: { action: FormAction; secretRequired: boolean }) {
  const [state, onSubmit, pending] = useFormAction(action);
  const id = useId();
  return (
    <form onSubmit={onSubmit}>
      <div className={styles.grid} key={state.status === 'secret' ? state.secret ?? 'rotated' : 'form'}>
        <div className={styles.field}>
          <label htmlFor={`${id}-grace`}>Keep accepting the old secret for</label>
          <select id={`${id}-grace`} name="graceSeconds" defaultValue={86_400}>
            {GRACE.map(([seconds, label]) => <option key={seconds} value={seconds}>{label}</option>)}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor={`${id}-secret`}>{secretRequired ? 'New signing secret' : 'New secret (optional)'}</label>
          <input id={`${id}-secret`} name="secret" type="password" autoComplete="off" required={secretRequired} />
          <span className={styles.hint}>{secretRequired ? 'The rolled secret from the sender\'s dashboard.' : 'Blank generates one.'}</span>
        </div>
      </div>
      {state.status === 'error' && <p className={styles.formError} role="alert">{state.message}</p>}
      <div className={styles.actions}>
        <Button type="submit" disabled={pending} icon={<Icon name="history" />}>{pending ? 'Rotating…' : 'Rotate secret'}</Button>
      </div>
      {state.status === 'secret' && <SecretReveal message={state.message} url={state.url} secret={state.secret} curl={state.curl} />}
    </form>
  );
}
