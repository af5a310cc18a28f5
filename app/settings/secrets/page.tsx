import type { Metadata } from 'next';
import { Forbidden } from '@/components/settings/forbidden';
import { SecretForm } from '@/components/settings/secret-form';
import { SecretsTable } from '@/components/settings/secrets-table';
import styles from '@/components/settings/settings.module.css';
import { SettingsTabs } from '@/components/settings/tabs';
import { ApiProvider } from '@/components/ui/api';
import { pageAccess } from '@/lib/auth/next/page';
import { hasRole } from '@/lib/auth/roles';
import { listSecrets } from '@/lib/secrets/store';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Secrets · Causeway' };

/** Editors see the names (to use them); admins also add, replace and delete. Values are never shown. */
export default async function SecretsPage() {
  const { viewer, allowed } = await pageAccess('editor');
  const tabs = <><h1>Settings</h1><SettingsTabs current="/settings/secrets" role={viewer.role} /></>;
  if (!allowed) return <>{tabs}<Forbidden need="editor" have={viewer.role} /></>;
  const admin = hasRole(viewer.role, 'admin');
  const secrets = await listSecrets(getServices().database.db);
  return (
    <ApiProvider csrfToken={viewer.csrfToken} role={viewer.role}>
      {tabs}
      <p className={styles.intro}>
        Credentials for the systems your workflows call. Use one in any node setting as <code>{'{{ secrets.NAME }}'}</code>. Values are
        stored encrypted, never shown again, and appear as <code>[secret:NAME]</code> in step inputs, outputs, logs and deliveries.
      </p>
      {admin && <SecretForm />}
      <h2>Secrets</h2>
      <SecretsTable secrets={secrets} canManage={admin} />
    </ApiProvider>
  );
}
