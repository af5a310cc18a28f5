import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RunPage } from '@/components/runs/run-page';
import { ApiProvider } from '@/components/ui/api';
import { requirePage } from '@/lib/auth/next/page';
import { ApiError } from '@/lib/http/errors';
import { runView, type RunViewData } from '@/lib/live/run-view';
import { getServices } from '@/lib/server/services';
import { getWorkflow } from '@/lib/workflows/service';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Run · Causeway' };

export default async function WorkflowRunPage({ params }: { params: Promise<{ id: string; runId: string }> }) {
  const viewer = await requirePage();
  const { id, runId } = await params;
  const db = getServices().database.db;
  let data: RunViewData;
  let name: string;
  try {
    data = await runView(db, runId);
    name = (await getWorkflow(db, id)).name;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  }
  if (data.run.workflowId !== id) notFound();
  return (
    <ApiProvider csrfToken={viewer.csrfToken} role={viewer.role}>
      <RunPage key={data.cursor} data={JSON.parse(JSON.stringify(data)) as RunViewData} workflowName={name} />
    </ApiProvider>
  );
}
