import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AccountForm } from '@/components/settings/account-form';
import styles from '@/components/settings/settings.module.css';
import { hasUsers } from '@/lib/auth/users';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Set up · Causeway' };

/** Only while there are no users: the first person creates the owner account (an admin). */
export default async function SetupPage() {
  if (await hasUsers(getServices().database.db)) redirect('/signin');
  return (
    <div className={styles.narrow}>
      <h1>Welcome to Causeway</h1>
      <p className={styles.intro}>Create the owner account. The owner is an admin who cannot be removed; you can invite others afterwards.</p>
      <section className={styles.card} aria-label="Owner account">
        <AccountForm endpoint="/api/auth/setup" submitLabel="Create owner account" />
      </section>
    </div>
  );
}
