import type { Role } from './roles';

/** Who is calling: an API key (keyId null = the bootstrap CAUSEWAY_API_KEY) or a signed-in person. */
export type Principal =
  | { kind: 'api-key'; keyId: string | null; name: string; role: Role }
  | { kind: 'session'; userId: string; email: string; name: string; role: Role; isOwner: boolean; csrfToken: string };

/** The principal as the audit trail and the "created by" columns name it. */
export function actorLabel(p: Principal): string {
  return p.kind === 'session' ? p.email : p.keyId ? `API key "${p.name}"` : 'the bootstrap API key';
}
