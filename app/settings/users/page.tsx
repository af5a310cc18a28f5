import type { Metadata } from 'next';
import { Forbidden } from '@/components/settings/forbidden';
import { InviteForm } from '@/components/settings/invite-form';
import styles from '@/components/settings/settings.module.css';
import { SettingsTabs } from '@/components/settings/tabs';
import { UsersTable } from '@/components/settings/users-table';
import { ApiProvider } from '@/components/ui/api';
import { listOpenInvites } from '@/lib/auth/invites';
import { pageAccess } from '@/lib/auth/next/page';
import { ROLE_SUMMARY } from '@/lib/auth/roles';
import { listUsers } from '@/lib/auth/users';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users · Causeway' };

export default async function UsersPage() {
  const { viewer, allowed } = await pageAccess('admin');
  const tabs = <><h1>Settings</h1><SettingsTabs current="/settings/users" role={viewer.role} /></>;
  if (!allowed) return <>{tabs}<Forbidden need="admin" have={viewer.role} /></>;
  const db = getServices().database.db;
  const [users, invites] = await Promise.all([listUsers(db), listOpenInvites(db)]);
  return (
    <ApiProvider csrfToken={viewer.csrfToken} role={viewer.role}>
      {tabs}
      <p className={styles.intro}>
        A <strong>viewer</strong> {ROLE_SUMMARY.viewer}; an <strong>editor</strong> {ROLE_SUMMARY.editor}; an <strong>admin</strong>{' '}
        {ROLE_SUMMARY.admin}. A change of role applies to the person&apos;s next request.
      </p>
      <InviteForm />
      <UsersTable users={users} invites={invites} me={viewer.userId} />
    </ApiProvider>
  );
}
