import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/settings/change-password-form';
import styles from '@/components/settings/settings.module.css';
import { SettingsTabs } from '@/components/settings/tabs';
import { ApiProvider } from '@/components/ui/api';
import { requirePage } from '@/lib/auth/next/page';
import { ROLE_SUMMARY } from '@/lib/auth/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Settings · Causeway' };

export default async function AccountPage() {
  const viewer = await requirePage();
  return (
    <ApiProvider csrfToken={viewer.csrfToken} role={viewer.role}>
      <h1>Settings</h1>
      <SettingsTabs current="/settings" role={viewer.role} />
      <section className={styles.card} aria-label="Your account">
        <dl className={styles.facts}>
          <dt>Email</dt><dd>{viewer.email}</dd>
          <dt>Name</dt><dd>{viewer.name}</dd>
          <dt>Role</dt><dd><strong>{viewer.role}</strong>{viewer.isOwner && ' (owner)'}: {ROLE_SUMMARY[viewer.role]}</dd>
        </dl>
      </section>
      <section className={styles.card} aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <ChangePasswordForm email={viewer.email} name={viewer.name} />
      </section>
    </ApiProvider>
  );
}
