'use client';
/**
 * The browser's way to the HTTP API. The page renders the UI token into <ApiProvider> (see
 * uiToken in lib/http/route.ts); every request carries it as `Authorization: Bearer`.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';

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

export function createApiClient(token: string): ApiClient {
  return {
    async request<T>(method: string, path: string, body?: unknown, init: { keepalive?: boolean } = {}): Promise<T> {
      const res = await fetch(path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
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

export function ApiProvider({ token, children }: { token: string; children: ReactNode }) {
  const client = useMemo(() => createApiClient(token), [token]);
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi needs an <ApiProvider> around it');
  return client;
}
