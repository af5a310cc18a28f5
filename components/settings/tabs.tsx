import { hasRole, type Role } from '@/lib/auth/roles';
import styles from './settings.module.css';

const TABS: { href: string; label: string; role: Role }[] = [
  { href: '/settings', label: 'Account', role: 'viewer' },
  { href: '/settings/users', label: 'Users', role: 'admin' },
  { href: '/settings/keys', label: 'API keys', role: 'admin' },
  { href: '/settings/secrets', label: 'Secrets', role: 'editor' },
  { href: '/settings/audit', label: 'Audit trail', role: 'admin' },
];

/** The settings sections the person's role may open. */
export function SettingsTabs({ current, role }: { current: string; role: Role }) {
  return (
    <nav className={styles.tabs} aria-label="Settings">
      {TABS.filter((t) => hasRole(role, t.role)).map((t) => (
        <a key={t.href} href={t.href} aria-current={t.href === current ? 'page' : undefined}>{t.label}</a>
      ))}
    </nav>
  );
}
