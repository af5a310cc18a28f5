import type { Metadata } from 'next';
import { RunsList, type RunFilterValues } from '@/components/runs/runs-list';
import { ApiProvider } from '@/components/ui/api';
import { requirePage } from '@/lib/auth/next/page';
import { liveCursorNow } from '@/lib/live/run-view';
import { getServices } from '@/lib/server/services';
import { listWorkflows } from '@/lib/workflows/service';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Runs · Causeway' };

export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePage();
  const params = await searchParams;
  const one = (k: string) => (typeof params[k] === 'string' ? params[k] as string : '');
  const filters: RunFilterValues = { workflowId: one('workflowId'), status: one('status'), after: one('after'), before: one('before'), eventId: one('eventId') };
  const db = getServices().database.db;
  const [workflows, cursor] = await Promise.all([listWorkflows(db), liveCursorNow(db)]);
  return (
    <ApiProvider csrfToken={viewer.csrfToken} role={viewer.role}>
      <RunsList workflows={workflows.map((w) => ({ id: w.id, name: w.name }))} initialFilters={filters} initialCursor={cursor} />
    </ApiProvider>
  );
}
