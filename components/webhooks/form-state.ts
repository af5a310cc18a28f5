/** What a webhook form shows after it was submitted: a problem, or a secret revealed this once. */
export type FormState =
  | { status: 'idle' }
  | { status: 'error'; message: string; fields: Record<string, string> }
  | { status: 'saved'; message: string }
  | { status: 'secret'; hookId: string; url: string; secret: string | null; curl: string; message: string };

export type FormAction = (state: FormState, form: FormData) => Promise<FormState>;

export const IDLE: FormState = { status: 'idle' };
