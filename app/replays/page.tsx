import type { Metadata } from 'next';
import { ReplaysList } from '@/components/replays/replays-list';
import { ApiProvider } from '@/components/ui/api';
import { requirePage } from '@/lib/auth/next/page';
import { listReplays } from '@/lib/replays/queries';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Replays · Causeway' };

export default async function ReplaysPage() {
  const viewer = await requirePage();
  const { items } = await listReplays(getServices().database.db, { limit: 50 });
  return (
    <ApiProvider csrfToken={viewer.csrfToken} role={viewer.role}>
      <ReplaysList initial={items} />
    </ApiProvider>
  );
}
