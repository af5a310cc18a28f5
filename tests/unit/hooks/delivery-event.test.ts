import { describe, expect, it } from 'vitest';
import { deliveryData, deliveryMediaType } from '@/lib/hooks/body';
import { hookInputSchema, templateProblem } from '@/lib/hooks/document';
import { bodyPreview, maskHeaders, MAX_STORED_BODY_BYTES } from '@/lib/hooks/mask';
import { deliveryEvent, type DeliveryFacts } from '@/lib/hooks/to-event';
import { IngestError } from '@/lib/events/ingest/errors';

const encode = (s: string) => new TextEncoder().encode(s);

function facts(over: Partial<DeliveryFacts> = {}): DeliveryFacts {
  const body = encode('{"type":"user.created","id":"evt_1","repo":"acme/api"}');
  return {
    hookId: 'h1', scheme: 'hmac-sha256', eventType: 'user.created', subject: null, deliveryId: undefined,
    headers: [['x-github-event', 'push']], body, data: JSON.parse(new TextDecoder().decode(body)), datacontenttype: 'application/json',
    ...over,
  };
}

describe('the event a delivery becomes', () => {
  it('takes its type from a template over headers and body, and its source from the endpoint', async () => {
    const gh = await deliveryEvent(facts({ eventType: 'github.{{ headers."x-github-event" }}', deliveryId: 'd-1' }));
    expect(gh).toMatchObject({ id: 'd-1', source: '/hooks/h1', type: 'github.push', datacontenttype: 'application/json' });
    const fromBody = await deliveryEvent(facts({ eventType: 'acme.{{ body.type }}', subject: '{{ body.repo }}' }));
    expect(fromBody).toMatchObject({ type: 'acme.user.created', subject: 'acme/api' });
  });

  it('uses a hash of the body as the id when the sender names no delivery, and Stripe\'s event id', async () => {
    const a = await deliveryEvent(facts());
    const b = await deliveryEvent(facts());
    expect(a.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b.id).toBe(a.id);
    expect((await deliveryEvent(facts({ body: encode('{"x":2}') }))).id).not.toBe(a.id);
    expect((await deliveryEvent(facts({ scheme: 'stripe' }))).id).toBe('evt_1');
  });

  it('refuses a delivery whose type template gives no valid type (400, naming the template)', async () => {
    const missing = deliveryEvent(facts({ eventType: 'github.{{ headers."x-github-event-missing" }}' }));
    await expect(missing).rejects.toThrow(IngestError);
    await expect(missing).rejects.toThrow(/"github\." .*not dot-separated words/);
    await expect(deliveryEvent(facts({ eventType: '{{ $error("boom") }}' }))).rejects.toThrow(/template failed on this delivery: .*boom/);
  });
});

describe('endpoint settings', () => {
  it('checks event type templates when the endpoint is saved', () => {
    expect(templateProblem('order.placed', 'eventType')).toBeUndefined();
    expect(templateProblem('order placed', 'eventType')).toMatch(/dot-separated/);
    expect(templateProblem('github.{{ headers."x" }}', 'eventType')).toBeUndefined();
    expect(templateProblem('github.{{ headers. }}', 'eventType')).toMatch(/\{\{ headers\. \}\}/);
    expect(templateProblem('a.{{ b', 'eventType')).toMatch(/never closed/);
  });

  it('fills in the event type of senders that name their events, and requires one otherwise', () => {
    expect(hookInputSchema.safeParse({ name: 'gh', verify: { scheme: 'github' } }).success).toBe(true);
    const generic = hookInputSchema.safeParse({ name: 'x', verify: { scheme: 'token' } });
    expect(generic.success).toBe(false);
    expect(generic.error!.issues[0]).toMatchObject({ path: ['eventType'], message: expect.stringMatching(/required for the token scheme/) });
  });
});

describe('bodies and the log', () => {
  it('accepts JSON, forms and text, and refuses other content types before reading (415)', () => {
    expect(deliveryMediaType(new Headers({ 'content-type': 'application/vnd.api+json' })).kind).toBe('json');
    expect(() => deliveryMediaType(new Headers({ 'content-type': 'application/xml' }))).toThrow(/not supported/);
    expect(() => deliveryMediaType(new Headers())).toThrow(/Content-Type is required/);
  });

  it('unwraps the JSON in the payload field of a GitHub form delivery', () => {
    const type = deliveryMediaType(new Headers({ 'content-type': 'application/x-www-form-urlencoded' }));
    const form = encode(`payload=${encodeURIComponent('{"zen":"hi"}')}`);
    expect(deliveryData(form, type, { payloadField: true }).data).toEqual({ zen: 'hi' });
    expect(deliveryData(encode('a=1&a=2&b=3'), type, { payloadField: false }).data).toEqual({ a: ['1', '2'], b: '3' });
  });

  it('masks secret headers and bounds what it keeps', () => {
    const masked = maskHeaders(new Headers({ authorization: 'Bearer abc', 'x-hub-signature-256': 'sha256=00', 'x-github-event': 'push' }),
      new Set(['authorization', 'x-hub-signature-256']));
    expect(Object.fromEntries(masked)).toEqual({
      authorization: '[masked, 10 characters]', 'x-hub-signature-256': '[masked, 9 characters]', 'x-github-event': 'push',
    });
    const big = bodyPreview(new Uint8Array(MAX_STORED_BODY_BYTES + 10).fill(0x61));
    expect(big).toMatchObject({ bodyBytes: MAX_STORED_BODY_BYTES + 10, bodyTruncated: true });
    expect(big.body).toHaveLength(MAX_STORED_BODY_BYTES);
  });
});
