import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReplayDetail } from '@/components/replays/replay-detail';
import { ApiProvider } from '@/components/ui/api';
import { requirePage } from '@/lib/auth/next/page';
import { ApiError } from '@/lib/http/errors';
import type { ReplayView } from '@/lib/replays/present';
import { getReplay } from '@/lib/replays/queries';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Replay · Causeway' };

export default async function ReplayPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePage();
  const { id } = await params;
  let replay: ReplayView;
  try {
    replay = await getReplay(getServices().database.db, id);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  }
  return (
    <ApiProvider csrfToken={viewer.csrfToken} role={viewer.role}>
      <ReplayDetail initial={replay} />
    </ApiProvider>
  );
}
