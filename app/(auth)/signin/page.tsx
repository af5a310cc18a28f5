import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SigninForm } from '@/components/settings/signin-form';
import styles from '@/components/settings/settings.module.css';
import { currentViewer } from '@/lib/auth/next/viewer';
import { safeNext } from '@/lib/auth/paths';
import { hasUsers } from '@/lib/auth/users';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in · Causeway' };

export default async function SigninPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const raw = (await searchParams).next;
  const next = safeNext(Array.isArray(raw) ? raw[0] : raw);
  if (await currentViewer()) redirect(next);
  // the first start: nobody to sign in as yet
  if (!(await hasUsers(getServices().database.db))) redirect('/setup');
  return (
    <div className={styles.narrow}>
      <h1>Sign in</h1>
      <section className={styles.card}>
        <SigninForm next={next} />
      </section>
      <p className={styles.hint}>No account? Ask an admin of this Causeway for an invite link.</p>
    </div>
  );
}
