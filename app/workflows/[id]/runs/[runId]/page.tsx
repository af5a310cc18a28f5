import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RunView, type RunDetail } from '@/components/editor/run-view';
import { ApiProvider } from '@/components/ui/api';
import { requirePage } from '@/lib/auth/next/page';
import { ApiError } from '@/lib/http/errors';
import { getRun } from '@/lib/runs/service';
import { getServices } from '@/lib/server/services';
import { getWorkflow, listVersions } from '@/lib/workflows/service';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Run · Causeway' };

export default async function WorkflowRunPage({ params }: { params: Promise<{ id: string; runId: string }> }) {
  const viewer = await requirePage();
  const { id, runId } = await params;
  const services = getServices();
  const db = services.database.db;
  let run: RunDetail;
  let name: string;
  try {
    run = (await getRun(db, runId)) as unknown as RunDetail;
    name = (await getWorkflow(db, id)).name;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  }
  if (run.workflowId !== id) notFound();
  const version = (await listVersions(db, id)).find((v) => v.version === run.version);
  if (!version) notFound();
  return (
    <ApiProvider csrfToken={viewer.csrfToken} role={viewer.role}>
      <RunView initial={JSON.parse(JSON.stringify(run)) as RunDetail} doc={version.document} workflowName={name} />
    </ApiProvider>
  );
}
