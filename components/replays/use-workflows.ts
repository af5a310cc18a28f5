'use client';
import { useEffect, useState } from 'react';
import { useApi } from '@/components/ui/api';
import type { WorkflowView } from '@/lib/workflows/service';

export type WorkflowSummary = Pick<WorkflowView, 'id' | 'name' | 'active' | 'activeVersion'>;

/** The workflows (id, name, live version), loaded once, for pickers and names in tables. */
export function useWorkflows(): { workflows: WorkflowSummary[]; nameOf(id: string): string } {
  const api = useApi();
  const [workflows, setWorkflows] = useState<WorkflowSummary[]>([]);
  useEffect(() => {
    let live = true;
    api.request<{ items: WorkflowSummary[] }>('GET', '/api/workflows')
      .then((r) => live && setWorkflows(r.items.map(({ id, name, active, activeVersion }) => ({ id, name, active, activeVersion }))))
      .catch(() => {});
    return () => { live = false; };
  }, [api]);
  return { workflows, nameOf: (id) => workflows.find((w) => w.id === id)?.name ?? id.slice(0, 8) };
}
