import { notFound, redirect } from 'next/navigation';
import { eq } from 'drizzle-orm';
import { runs } from '@/db/schema';
import { requirePage } from '@/lib/auth/next/page';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

/** `/runs/{id}`: a run's page lives under its workflow. */
export default async function RunRedirect({ params }: { params: Promise<{ runId: string }> }) {
  await requirePage();
  const { runId } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(runId)) notFound();
  const [run] = await getServices().database.db.select({ workflowId: runs.workflowId }).from(runs).where(eq(runs.id, runId));
  if (!run) notFound();
  redirect(`/workflows/${run.workflowId}/runs/${runId}`);
}
