'use client';
/**
 * The browser's way to the HTTP API: requests go with the session cookie, and the page renders
 * the session's CSRF token and role into <ApiProvider>; every request carries the token in
 * `x-csrf-token` (writes are refused without it).
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Role } from '@/lib/auth/roles';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface ApiClient {
  request<T = unknown>(method: string, path: string, body?: unknown, init?: { keepalive?: boolean }): Promise<T>;
}

export function createApiClient(csrfToken: string): ApiClient {
  return {
    async request<T>(method: string, path: string, body?: unknown, init: { keepalive?: boolean } = {}): Promise<T> {
      const res = await fetch(path, {
        method,
        headers: { 'x-csrf-token': csrfToken, ...(body !== undefined && { 'content-type': 'application/json' }) },
        credentials: 'same-origin',
        ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        keepalive: init.keepalive,
        cache: 'no-store',
      });
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      if (!res.ok) {
        const err = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
        throw new ApiRequestError(res.status, err?.code ?? 'http_error', err?.message ?? `HTTP ${res.status}`, err?.details);
      }
      return parsed as T;
    },
  };
}

const ApiContext = createContext<ApiClient | null>(null);
const RoleContext = createContext<Role>('viewer');

export function ApiProvider({ csrfToken, role, children }: { csrfToken: string; role: Role; children: ReactNode }) {
  const client = useMemo(() => createApiClient(csrfToken), [csrfToken]);
  return (
    <ApiContext.Provider value={client}>
      <RoleContext.Provider value={role}>{children}</RoleContext.Provider>
    </ApiContext.Provider>
  );
}

/** The signed-in person's role; the server checks it on every request, this only shapes the UI. */
export function useRole(): Role {
  return useContext(RoleContext);
}

/** Whether the person may change workflows and hooks (editor or admin). */
export function useCanEdit(): boolean {
  return useRole() !== 'viewer';
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi needs an <ApiProvider> around it');
  return client;
}
