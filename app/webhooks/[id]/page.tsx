import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Pill } from '@/components/ui/pill';
import { AutoRefresh } from '@/components/webhooks/auto-refresh';
import { CopyButton } from '@/components/webhooks/copy-button';
import { Deliveries } from '@/components/webhooks/deliveries';
import { DeleteForm } from '@/components/webhooks/delete-form';
import { EditHookForm } from '@/components/webhooks/edit-hook-form';
import { RotateForm } from '@/components/webhooks/rotate-form';
import styles from '@/components/webhooks/webhooks.module.css';
import { curlExample } from '@/lib/hooks/curl';
import { listDeliveries } from '@/lib/hooks/deliveries';
import { hookDeps } from '@/lib/hooks/deps';
import { SCHEME_INFO, schemeLabel } from '@/lib/hooks/scheme-info';
import { getHook, type HookView } from '@/lib/hooks/service';
import { ApiError } from '@/lib/http/errors';
import { requirePage } from '@/lib/auth/next/page';
import { hasRole } from '@/lib/auth/roles';
import { maskStoredSecrets } from '@/lib/secrets/shown';
import { getServices } from '@/lib/server/services';
import { deleteHookAction, resendDeliveryAction, rotateSecretAction, updateHookAction } from '../actions';
import { pageOrigin } from '../origin';
import { formValues, verifySummary } from './summary';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Webhook endpoint · Causeway' };

async function load(id: string): Promise<HookView> {
  try {
    return await getHook(await hookDeps(getServices()), id, await pageOrigin());
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  }
}

export default async function HookPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePage();
  const canEdit = hasRole(viewer.role, 'editor');
  const { id } = await params;
  const hook = await load(id);
  const { items } = await maskStoredSecrets(getServices(), await listDeliveries(getServices().database.db, hook.id, { limit: 50 }));
  const unsigned = hook.verify.scheme === 'none';
  return (
    <>
      <a className={styles.back} href="/webhooks">← Webhooks</a>
      <div className={styles.titleRow}>
        <h1>{hook.name}</h1>
        {unsigned ? <Pill tone="danger">unsigned</Pill> : <Pill tone="neutral">{schemeLabel(hook.verify.scheme)}</Pill>}
      </div>
      {unsigned && (
        <p className={styles.warning} role="note">This endpoint checks nothing: anyone who learns its URL can put events into the log.</p>
      )}

      <section className={styles.card} aria-label="Endpoint">
        <dl className={styles.facts}>
          <dt>URL</dt>
          <dd className={styles.runs}><code data-testid="hook-url">{hook.url}</code><CopyButton value={hook.url} label="URL" /></dd>
          <dt>Event type</dt><dd><code>{hook.eventType}</code></dd>
          {hook.subject && (<><dt>Subject</dt><dd><code>{hook.subject}</code></dd></>)}
          <dt>Event source</dt><dd><code>/hooks/{hook.id}</code></dd>
          <dt>Verification</dt><dd>{verifySummary(hook.verify)}</dd>
          {!unsigned && (
            <>
              <dt>Secret</dt>
              <dd>
                {hook.secretHint?.startsWith('…')
                  ? <>ending in <code>{hook.secretHint.slice(1)}</code> (shown in full only when it is set)</>
                  : <span className={styles.fieldError}>{hook.secretHint}</span>}
                {hook.previousSecretExpiresAt && <> · the previous one is accepted until {hook.previousSecretExpiresAt.replace('T', ' ').slice(0, 16)} UTC</>}
              </dd>
            </>
          )}
          <dt>Response</dt>
          <dd>{hook.respond.mode === 'sync'
            ? <>sync: the output of step <code>{hook.respond.nodeId}</code>, or 202 after {hook.respond.respondTimeoutMs} ms</>
            : 'async: 202 once the event is logged'}</dd>
        </dl>
        <details className={styles.more}>
          <summary>Send a test delivery with curl</summary>
          <pre className={styles.body}>{curlExample(hook.verify, hook.url, null)}</pre>
        </details>
      </section>

      <div className={styles.cardHead}>
        <h2>Recent deliveries</h2>
        <AutoRefresh />
      </div>
      <Deliveries deliveries={canEdit ? items : items.map((d) => ({ ...d, resendable: false }))} resend={resendDeliveryAction.bind(null, hook.id)} />

      {canEdit && (<>
      <h2>Settings</h2>
      <section className={styles.card} aria-label="Settings">
        <EditHookForm schemes={SCHEME_INFO} initial={formValues(hook)} action={updateHookAction.bind(null, hook.id)} />
      </section>
      {!unsigned && (
        <section className={styles.card} aria-labelledby="rotate-title">
          <h2 id="rotate-title">Rotate the secret</h2>
          <RotateForm action={rotateSecretAction.bind(null, hook.id)} secretRequired={hook.verify.scheme === 'stripe'} />
        </section>
      )}
      <section className={`${styles.card} ${styles.danger}`} aria-labelledby="delete-title">
        <h2 id="delete-title">Delete</h2>
        <p className={styles.dangerText}>Deletes the endpoint and its deliveries log. The events it logged stay in the event log.</p>
        <DeleteForm action={deleteHookAction.bind(null, hook.id)} name={hook.name} />
      </section>
      </>)}
    </>
  );
}
