import type { Role } from '@/lib/auth/roles';

const ROLE_LABELS: Record<Role, string> = { viewer: 'Viewer', editor: 'Editor', admin: 'Admin' };

export function RoleOptions() {
  return (
    <>
      {(Object.keys(ROLE_LABELS) as Role[]).map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
    </>
  );
}
