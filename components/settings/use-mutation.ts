'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ApiRequestError, useApi } from '@/components/ui/api';

/** Calls the API, keeps the error in words, and refreshes the server-rendered page after a success. */
export function useMutation() {
  const api = useApi();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);

  async function run<T>(method: string, path: string, body?: unknown): Promise<{ ok: true; value: T } | { ok: false }> {
    setPending(true);
    setError(null);
    try {
      const result = await api.request<T>(method, path, body);
      router.refresh();
      return { ok: true, value: result };
    } catch (err) {
      const details = err instanceof ApiRequestError && Array.isArray(err.details) ? err.details as { path?: string; message?: string }[] : [];
      const message = err instanceof Error ? err.message : String(err);
      setError({
        message: message.replace(/^./, (c) => c.toUpperCase()),
        fields: Object.fromEntries(details.filter((d) => d.path && d.message).map((d) => [d.path!, d.message!])),
      });
      return { ok: false };
    } finally {
      setPending(false);
    }
  }
  return { run, pending, error, clearError: () => setError(null) };
}
