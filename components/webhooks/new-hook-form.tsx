'use client';

import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import type { SchemeInfo } from '@/lib/hooks/scheme-info';
import type { FormAction } from './form-state';
import { useFormAction } from './use-form-action';
import { HookFields } from './hook-fields';
import { SecretReveal } from './secret-reveal';
import styles from './webhooks.module.css';

/** Creates an endpoint, then shows its URL, its secret (this once) and a curl example. */
export function NewHookForm({ schemes, action }: { schemes: SchemeInfo[]; action: FormAction }) {
  const [state, onSubmit, pending] = useFormAction(action);
  return (
    <section className={styles.card} aria-labelledby="new-hook-title">
      <h2 id="new-hook-title">New endpoint</h2>
      <form onSubmit={onSubmit}>
        {/* a fresh set of fields after each endpoint is created */}
        <HookFields key={state.status === 'secret' ? state.hookId : 'new'} schemes={schemes} errors={state.status === 'error' ? state.fields : {}} />
        {state.status === 'error' && <p className={styles.formError} role="alert">{state.message}</p>}
        <div className={styles.actions}>
          <Button type="submit" variant="primary" disabled={pending} icon={<Icon name="plus" />}>
            {pending ? 'Creating…' : 'Create endpoint'}
          </Button>
        </div>
      </form>
      {state.status === 'secret' && (
        <SecretReveal message={state.message} url={state.url} secret={state.secret} curl={state.curl} detailsHref={`/webhooks/${state.hookId}`} />
      )}
    </section>
  );
}
