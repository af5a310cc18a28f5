import type { Metadata } from 'next';
import { EventsTail } from '@/components/events/events-tail';
import { filtersFrom } from '@/components/events/event-filters';
import { ReplayButton } from '@/components/replays/replay-button';
import { ApiProvider } from '@/components/ui/api';
import { requirePage } from '@/lib/auth/next/page';
import { liveCursorNow } from '@/lib/live/run-view';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Events · Causeway' };

export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePage();
  const filters = filtersFrom(await searchParams);
  const cursor = await liveCursorNow(getServices().database.db);
  return (
    <ApiProvider csrfToken={viewer.csrfToken} role={viewer.role}>
      <EventsTail initialFilters={filters} initialCursor={cursor}
        actions={<ReplayButton prefill={{ type: filters.type, source: filters.source, from: filters.after, to: filters.before }} />} />
    </ApiProvider>
  );
}
