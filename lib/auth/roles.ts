import { z } from 'zod';

/** Roles, weakest first: viewers read, editors also change workflows, hooks and runs, admins also manage access. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const roleSchema = z.enum(ROLES, { error: 'must be one of viewer, editor, admin' });

export function hasRole(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** What each role may do, in words, for the settings pages. */
export const ROLE_SUMMARY: Record<Role, string> = {
  viewer: 'reads workflows, runs, events and webhooks',
  editor: 'also changes workflows and webhooks, sends events, retries and cancels runs',
  admin: 'also manages users, API keys and secrets, and reads the audit trail',
};
