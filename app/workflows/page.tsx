import type { Metadata } from 'next';
import { WorkflowList } from '@/components/workflows/workflow-list';
import { ApiProvider } from '@/components/ui/api';
import { ToastProvider } from '@/components/ui/toast';
import { requirePage } from '@/lib/auth/next/page';
import { getServices } from '@/lib/server/services';
import { workflowActivity } from '@/lib/workflows/activity';
import { listWorkflows } from '@/lib/workflows/service';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Workflows · Causeway' };

export default async function WorkflowsPage() {
  const viewer = await requirePage();
  const services = getServices();
  const workflows = await listWorkflows(services.database.db);
  const activity = await workflowActivity(services.database.db, workflows.map((w) => w.id));
  const rows = workflows.map((w) => ({
    id: w.id,
    name: w.name,
    description: w.description ?? null,
    nodeCount: w.nodes.length,
    active: w.active,
    activeVersion: w.activeVersion,
    updatedAt: w.updatedAt,
    ...activity.get(w.id)!,
  }));
  return (
    <ApiProvider csrfToken={viewer.csrfToken} role={viewer.role}>
      <ToastProvider>
        <WorkflowList rows={rows} />
      </ToastProvider>
    </ApiProvider>
  );
}
