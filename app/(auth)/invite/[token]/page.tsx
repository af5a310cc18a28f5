import type { Metadata } from 'next';
import { AccountForm } from '@/components/settings/account-form';
import styles from '@/components/settings/settings.module.css';
import { findInvite } from '@/lib/auth/invites';
import { ROLE_SUMMARY } from '@/lib/auth/roles';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Join · Causeway', referrer: 'no-referrer' };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findInvite(getServices().database.db, token);
  if (!invite) {
    return (
      <div className={styles.narrow}>
        <h1>This invite link does not work</h1>
        <p className={styles.intro}>It was used already, revoked, or it expired (links last 7 days). Ask an admin for a new one.</p>
        <a href="/signin">Sign in</a>
      </div>
    );
  }
  return (
    <div className={styles.narrow}>
      <h1>Join Causeway</h1>
      <p className={styles.intro}>
        You are invited as <strong>{invite.role}</strong>: {ROLE_SUMMARY[invite.role]}.
      </p>
      <section className={styles.card} aria-label="Your account">
        <AccountForm endpoint="/api/auth/invites/accept" fixedEmail={invite.email} token={token} submitLabel="Create account" />
      </section>
    </div>
  );
}
