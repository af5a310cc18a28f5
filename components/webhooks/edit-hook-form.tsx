'use client';

import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import type { SchemeInfo } from '@/lib/hooks/scheme-info';
import type { FormAction } from './form-state';
import { useFormAction } from './use-form-action';
import { HookFields, type HookValues } from './hook-fields';
import { SecretReveal } from './secret-reveal';
import styles from './webhooks.module.css';

export function EditHookForm({ schemes, initial, action }: { schemes: SchemeInfo[]; initial: HookValues; action: FormAction }) {
  const [state, onSubmit, pending] = useFormAction(action);
  return (
    <form onSubmit={onSubmit}>
      <HookFields schemes={schemes} initial={initial} errors={state.status === 'error' ? state.fields : {}} editing />
      {state.status === 'error' && <p className={styles.formError} role="alert">{state.message}</p>}
      <div className={styles.actions}>
        <Button type="submit" variant="primary" disabled={pending} icon={<Icon name="save" />}>{pending ? 'Saving…' : 'Save'}</Button>
        {state.status === 'saved' && <span className={styles.saved} role="status">{state.message}</span>}
      </div>
      {state.status === 'secret' && <SecretReveal message={state.message} url={state.url} secret={state.secret} curl={state.curl} />}
    </form>
  );
}
