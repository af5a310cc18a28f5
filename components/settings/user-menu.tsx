import styles from './settings.module.css';

/** The top bar's right end: who is signed in, with which role, and a way out. */
export function UserMenu({ email, role, signOut }: { email: string; role: string; signOut: () => Promise<void> }) {
  return (
    <div className={styles.userMenu}>
      <span><span data-testid="signed-in-as">{email}</span> <span className={styles.role}>{role}</span></span>
      <form action={signOut}><button type="submit">Sign out</button></form>
    </div>
  );
}
