import type { Metadata } from 'next';
import { AuditTable } from '@/components/settings/audit-table';
import { Forbidden } from '@/components/settings/forbidden';
import styles from '@/components/settings/settings.module.css';
import { SettingsTabs } from '@/components/settings/tabs';
import { AUDIT_KINDS } from '@/lib/audit/actions';
import { isAuditKind, listAudit } from '@/lib/audit/list';
import { pageAccess } from '@/lib/auth/next/page';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit trail · Causeway' };

const PAGE = 100;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ kind?: string | string[]; cursor?: string | string[] }> }) {
  const { viewer, allowed } = await pageAccess('admin');
  const tabs = <><h1>Settings</h1><SettingsTabs current="/settings/audit" role={viewer.role} /></>;
  if (!allowed) return <>{tabs}<Forbidden need="admin" have={viewer.role} /></>;
  const query = await searchParams;
  const kind = first(query.kind);
  const selected = isAuditKind(kind) ? kind : undefined;
  let page;
  try {
    page = await listAudit(getServices().database.db, { kind: selected, limit: PAGE, cursor: first(query.cursor) });
  } catch {
    page = await listAudit(getServices().database.db, { kind: selected, limit: PAGE });
  }
  const link = (k?: string, cursor?: string) => `/settings/audit?${new URLSearchParams({ ...(k && { kind: k }), ...(cursor && { cursor }) })}`;
  return (
    <>
      {tabs}
      <p className={styles.intro}>
        Who changed which workflow, webhook, run, key, user or secret, and when. Each entry is a <code>causeway.audit.*</code> event in
        the event log (source <code>/audit</code>), so it can also be read with <code>GET /api/events?type=causeway.audit.**</code>.
      </p>
      <nav className={styles.filters} aria-label="Filter">
        <a href={link()} aria-current={selected === undefined}>all</a>
        {AUDIT_KINDS.map((k) => <a key={k} href={link(k)} aria-current={selected === k}>{k}s</a>)}
      </nav>
      <AuditTable entries={page.items} />
      {page.nextCursor && <p><a href={link(selected, page.nextCursor)}>Older entries →</a></p>}
    </>
  );
}
