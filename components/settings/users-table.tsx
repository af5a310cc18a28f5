'use client';

import { Button } from '@/components/ui/button';
import type { InviteView } from '@/lib/auth/invites';
import type { UserView } from '@/lib/auth/users';
import { RoleOptions } from './role-select';
import styles from './settings.module.css';
import { useMutation } from './use-mutation';
import { when } from './when';

/** People and their roles; the owner and you yourself are fixed (another admin changes you). */
export function UsersTable({ users, invites, me }: { users: UserView[]; invites: InviteView[]; me: string }) {
  const { run, pending, error } = useMutation();
  return (
    <>
      {error && <p className={styles.formError} role="alert">{error.message}</p>}
      <table className={styles.table} aria-label="Users">
        <thead><tr><th>Email</th><th>Name</th><th>Role</th><th>Joined</th><th>Last sign-in</th><th /></tr></thead>
        <tbody>
          {users.map((u) => {
            const fixed = u.isOwner || u.id === me;
            return (
              <tr key={u.id}>
                <td>{u.email}{u.isOwner && <span className={styles.muted}> (owner)</span>}{u.id === me && <span className={styles.muted}> (you)</span>}</td>
                <td>{u.name}</td>
                <td>
                  {fixed ? u.role : (
                    <select aria-label={`Role of ${u.email}`} value={u.role} disabled={pending}
                      onChange={(e) => void run('PATCH', `/api/users/${u.id}`, { role: e.target.value })}>
                      <RoleOptions />
                    </select>
                  )}
                </td>
                <td>{when(u.createdAt)}</td>
                <td>{when(u.lastSignInAt)}</td>
                <td><div className={styles.rowActions}>
                  {!fixed && (
                    <Button size="sm" variant="danger" disabled={pending} aria-label={`Remove ${u.email}`}
                      onClick={() => { if (window.confirm(`Remove ${u.email}? They are signed out at once.`)) void run('DELETE', `/api/users/${u.id}`); }}>
                      Remove
                    </Button>
                  )}
                </div></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>Open invites</h2>
      <table className={styles.table} aria-label="Open invites">
        <thead><tr><th>Email</th><th>Role</th><th>Invited by</th><th>Expires</th><th /></tr></thead>
        <tbody>
          {invites.length === 0 && <tr><td colSpan={5} className={styles.empty}>No open invites.</td></tr>}
          {invites.map((i) => (
            <tr key={i.id}>
              <td>{i.email}</td><td>{i.role}</td><td>{i.invitedBy}</td><td>{when(i.expiresAt)}</td>
              <td><div className={styles.rowActions}>
                <Button size="sm" variant="danger" disabled={pending} aria-label={`Revoke the invite of ${i.email}`}
                  onClick={() => void run('DELETE', `/api/users/invites/${i.id}`)}>Revoke</Button>
              </div></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
