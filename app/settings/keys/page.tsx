import type { Metadata } from 'next';
import { Forbidden } from '@/components/settings/forbidden';
import { KeyForm } from '@/components/settings/key-form';
import { KeysTable } from '@/components/settings/keys-table';
import styles from '@/components/settings/settings.module.css';
import { SettingsTabs } from '@/components/settings/tabs';
import { ApiProvider } from '@/components/ui/api';
import { listApiKeys } from '@/lib/auth/api-keys';
import { pageAccess } from '@/lib/auth/next/page';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API keys · Causeway' };

export default async function KeysPage() {
  const { viewer, allowed } = await pageAccess('admin');
  const tabs = <><h1>Settings</h1><SettingsTabs current="/settings/keys" role={viewer.role} /></>;
  if (!allowed) return <>{tabs}<Forbidden need="admin" have={viewer.role} /></>;
  const keys = await listApiKeys(getServices().database.db);
  return (
    <ApiProvider csrfToken={viewer.csrfToken} role={viewer.role}>
      {tabs}
      <p className={styles.intro}>
        Keys for services and scripts: <code>Authorization: Bearer &lt;key&gt;</code> on every <code>/api</code> request. A key acts
        with its role; only its hash is stored, and revoking it takes effect on the next request.
      </p>
      <KeyForm />
      <h2>Keys</h2>
      <KeysTable keys={keys} />
    </ApiProvider>
  );
}
