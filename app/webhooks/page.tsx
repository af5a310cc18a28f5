import type { Metadata } from 'next';
import { HooksTable } from '@/components/webhooks/hooks-table';
import { NewHookForm } from '@/components/webhooks/new-hook-form';
import styles from '@/components/webhooks/webhooks.module.css';
import { hookDeps } from '@/lib/hooks/deps';
import { SCHEME_INFO } from '@/lib/hooks/scheme-info';
import { listHooks } from '@/lib/hooks/service';
import { requirePage } from '@/lib/auth/next/page';
import { hasRole } from '@/lib/auth/roles';
import { getServices } from '@/lib/server/services';
import { createHookAction } from './actions';
import { pageOrigin } from './origin';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Webhooks · Causeway' };

export default async function WebhooksPage() {
  const viewer = await requirePage();
  const hooks = await listHooks(await hookDeps(getServices()), await pageOrigin());
  return (
    <>
      <h1>Webhooks</h1>
      <p className={styles.intro}>
        Endpoints that outside systems deliver to. Each delivery is verified by the endpoint&apos;s scheme and logged as an
        event; a redelivery of the same delivery is a duplicate, stored once.
      </p>
      {hasRole(viewer.role, 'editor') && <NewHookForm schemes={SCHEME_INFO} action={createHookAction} />}
      <h2>Endpoints</h2>
      <HooksTable hooks={hooks} />
    </>
  );
}
