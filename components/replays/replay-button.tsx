'use client';
/** "Replay…": opens the Replay dialog, prefilled (e.g. with the events page's filters). Editors only. */
import { useState } from 'react';
import { useCanEdit } from '@/components/ui/api';
import { Button } from '@/components/ui/button';
import { toLocalInput } from './format';
import { ReplayDialog } from './replay-dialog';
import type { ReplayFormValues } from './replay-form';

export interface ReplayPrefill {
  type?: string;
  source?: string;
  /** datetime-local values */
  from?: string;
  to?: string;
  workflowIds?: string[];
}

function defaults(p: ReplayPrefill): ReplayFormValues {
  const now = new Date();
  const hourAgo = new Date(now.getTime() - 3_600_000);
  hourAgo.setSeconds(0, 0);
  const soon = new Date(now.getTime() + 60_000);
  soon.setSeconds(0, 0);
  return {
    from: p.from || toLocalInput(hourAgo), to: p.to || toLocalInput(soon), type: p.type ?? '', source: p.source ?? '',
    scope: p.workflowIds?.length ? 'chosen' : 'all', workflowIds: p.workflowIds ?? [], version: 'pinned', cascade: false,
  };
}

export function ReplayButton({ prefill = {}, label = 'Replay…' }: { prefill?: ReplayPrefill; label?: string }) {
  const canEdit = useCanEdit();
  const [open, setOpen] = useState(false);
  const [initial, setInitial] = useState<{ values: ReplayFormValues; n: number } | null>(null);
  if (!canEdit) return null;
  return (
    <>
      <Button onClick={() => { setInitial({ values: defaults(prefill), n: (initial?.n ?? 0) + 1 }); setOpen(true); }}>{label}</Button>
      {/* a fresh dialog (fresh fields) each time it opens */}
      {initial && <ReplayDialog key={initial.n} open={open} onClose={() => setOpen(false)} initial={initial.values} />}
    </>
  );
}
