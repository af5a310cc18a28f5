'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import styles from './settings.module.css';
import { useMutation } from './use-mutation';

export function SecretForm() {
  const { run, pending, error } = useMutation();
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const res = await run('POST', '/api/secrets', { name, value });
    if (!res.ok) return;
    setSaved(name);
    setName('');
    setValue('');
  };

  return (
    <section className={styles.card} aria-labelledby="secret-title">
      <h2 id="secret-title">New secret</h2>
      <form onSubmit={submit}>
        <div className={styles.grid}>
          <div className={styles.field}>
            <label htmlFor="secret-name">Name</label>
            <input id="secret-name" required value={name} onChange={(e) => setName(e.target.value)} placeholder="PAYMENTS_TOKEN"
              spellCheck={false} autoComplete="off" aria-invalid={error?.fields.name ? true : undefined} />
            {error?.fields.name && <span className={styles.fieldError}>{error.fields.name}</span>}
          </div>
          <div className={styles.field}>
            <label htmlFor="secret-value">Value</label>
            <input id="secret-value" type="password" required value={value} onChange={(e) => setValue(e.target.value)}
              autoComplete="off" aria-invalid={error?.fields.value ? true : undefined} />
            {error?.fields.value && <span className={styles.fieldError}>{error.fields.value}</span>}
          </div>
        </div>
        {error && <p className={styles.formError} role="alert">{error.message}</p>}
        {saved && <p className={styles.notice} role="status">Saved <code>{saved}</code>. Use it as <code>{`{{ secrets.${saved} }}`}</code>; its value is not shown again.</p>}
        <div className={styles.actions}>
          <Button type="submit" variant="primary" disabled={pending}>{pending ? 'Saving…' : 'Save secret'}</Button>
        </div>
      </form>
    </section>
  );
}
