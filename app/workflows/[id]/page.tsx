import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Editor } from '@/components/editor/editor';
import { ApiProvider } from '@/components/ui/api';
import { ToastProvider } from '@/components/ui/toast';
import { requirePage } from '@/lib/auth/next/page';
import { ApiError } from '@/lib/http/errors';
import { getServices } from '@/lib/server/services';
import { getWorkflow, type WorkflowView } from '@/lib/workflows/service';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

async function load(id: string): Promise<WorkflowView> {
  try {
    return await getWorkflow(getServices().database.db, id);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await requirePage();
  const { id } = await params;
  return { title: `${(await load(id)).name} · Causeway` };
}

export default async function WorkflowEditorPage({ params }: Params) {
  const viewer = await requirePage();
  const { id } = await params;
  const w = await load(id);
  return (
    <ApiProvider csrfToken={viewer.csrfToken} role={viewer.role}>
      <ToastProvider>
        <Editor workflow={{
          id: w.id, name: w.name, ...(w.description !== undefined && { description: w.description }), nodes: w.nodes,
          edges: w.edges, active: w.active, activeVersion: w.activeVersion, updatedAt: w.updatedAt,
        }} />
      </ToastProvider>
    </ApiProvider>
  );
}
