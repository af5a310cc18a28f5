import { DEFAULT_EVENT_TYPES, SCHEMES, type Scheme } from './document';

export type SchemeField = 'header' | 'prefix' | 'encoding' | 'idHeader' | 'toleranceSeconds';

/** How the UI presents each scheme: what it is, where its secret comes from, which settings it takes. */
export interface SchemeInfo {
  scheme: Scheme;
  label: string;
  description: string;
  /** generated: we make one unless one is pasted; required: the sender issues it; none: no secret. */
  secret: 'generated' | 'required' | 'none';
  defaultEventType: string | null;
  fields: SchemeField[];
  defaultHeader: string | null;
}

const INFO: Record<Scheme, Omit<SchemeInfo, 'scheme' | 'defaultEventType'>> = {
  'standard-webhooks': {
    label: 'Standard Webhooks', secret: 'generated', fields: ['toleranceSeconds'], defaultHeader: null,
    description: 'webhook-id, webhook-timestamp and webhook-signature headers (Svix, Resend, Clerk, OpenAI and others).',
  },
  github: {
    label: 'GitHub', secret: 'generated', fields: [], defaultHeader: null,
    description: 'X-Hub-Signature-256 over the body; X-GitHub-Delivery is the event id, X-GitHub-Event names the type.',
  },
  stripe: {
    label: 'Stripe', secret: 'required', fields: ['toleranceSeconds'], defaultHeader: null,
    description: 'Stripe-Signature with a timestamp; paste the signing secret (whsec_…) Stripe shows for the endpoint.',
  },
  'hmac-sha256': {
    label: 'HMAC-SHA256', secret: 'generated', fields: ['header', 'prefix', 'encoding', 'idHeader'], defaultHeader: 'x-signature',
    description: 'An HMAC-SHA256 of the body in a header of your choice, hex or base64, after an optional prefix.',
  },
  token: {
    label: 'Shared token', secret: 'generated', fields: ['header', 'prefix', 'idHeader'], defaultHeader: 'x-webhook-token',
    description: 'The secret itself in a header (for senders that cannot sign). Weaker: anyone who sees one request can replay it.',
  },
  none: {
    label: 'None (unsigned)', secret: 'none', fields: ['idHeader'], defaultHeader: null,
    description: 'No check at all: anyone who knows the URL can log events. Only for trusted networks and tests.',
  },
};

export const SCHEME_INFO: SchemeInfo[] = SCHEMES.map((scheme) => ({
  scheme, ...INFO[scheme], defaultEventType: DEFAULT_EVENT_TYPES[scheme] ?? null,
}));

export const schemeLabel = (scheme: string) => INFO[scheme as Scheme]?.label ?? scheme;
