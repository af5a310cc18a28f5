import type { Metadata } from 'next';
import { HistoryView } from '@/components/replays/history-view';
import { ApiProvider } from '@/components/ui/api';
import { requirePage } from '@/lib/auth/next/page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'History · Causeway' };

/** The log and any subject's state as of a moment (`?subject=&asOf=`). */
export default async function SubjectsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePage();
  const params = await searchParams;
  const one = (k: string) => (typeof params[k] === 'string' ? params[k] : '');
  const asOf = one('asOf');
  return (
    <ApiProvider csrfToken={viewer.csrfToken} role={viewer.role}>
      <HistoryView initial={{ subject: one('subject'), asOf: asOf && !Number.isNaN(Date.parse(asOf)) ? asOf : '', includeReplays: one('includeReplays') === 'true' }} />
    </ApiProvider>
  );
}
