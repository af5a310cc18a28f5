import { sign as githubSign } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { verifySchema, optionsOf, type VerifyOptions } from '@/lib/hooks/document';
import { verifierFor } from '@/lib/hooks/schemes';
import { generateSecret } from '@/lib/hooks/secrets';
import { createHmac } from 'node:crypto';

const NOW = new Date('2026-03-01T12:00:00Z');
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const body = JSON.stringify({ type: 'user.created', data: { id: 'u1' } });
const bytes = new TextEncoder().encode(body);
const stripe = new Stripe('sk_test_unused');

const options = (input: Record<string, unknown>) => optionsOf(verifySchema.parse(input)) as VerifyOptions;

function check(opts: VerifyOptions, headers: Record<string, string>, secrets: string[], payload = bytes, now = NOW) {
  return verifierFor(opts).verify(opts, { headers: new Headers(headers), body: payload, secrets, now });
}

describe('standard-webhooks, signed by the standardwebhooks library', () => {
  const secret = generateSecret('standard-webhooks');
  const opts = options({ scheme: 'standard-webhooks' });
  const signed = (at: Date, key = secret, id = 'msg_1') => ({
    'webhook-id': id, 'webhook-timestamp': String(seconds(at)), 'webhook-signature': new Webhook(key).sign(id, at, body),
  });

  it('accepts a signature made now, and within 300 s either way', () => {
    expect(check(opts, signed(NOW), [secret])).toMatchObject({ ok: true });
    expect(check(opts, signed(new Date(NOW.getTime() - 300_000)), [secret])).toMatchObject({ ok: true });
    expect(check(opts, signed(new Date(NOW.getTime() + 300_000)), [secret])).toMatchObject({ ok: true });
  });

  it('refuses timestamps 301 s old or 301 s ahead', () => {
    expect(check(opts, signed(new Date(NOW.getTime() - 301_000)), [secret])).toEqual({ ok: false, reason: expect.stringMatching(/301 s old/) });
    expect(check(opts, signed(new Date(NOW.getTime() + 301_000)), [secret])).toEqual({ ok: false, reason: expect.stringMatching(/301 s in the future/) });
  });

  it('accepts any one of several space-separated signatures, and the previous secret', () => {
    const other = generateSecret('standard-webhooks');
    const headers = signed(NOW);
    const both = { ...headers, 'webhook-signature': `${new Webhook(other).sign('msg_1', NOW, body)} ${headers['webhook-signature']}` };
    expect(check(opts, both, [secret])).toMatchObject({ ok: true });
    expect(check(opts, headers, [other, secret])).toEqual({ ok: true, detail: expect.stringMatching(/previous secret/) });
    expect(check(opts, headers, [other])).toEqual({ ok: false, reason: expect.stringMatching(/matches/) });
  });

  it('binds the signature to the id, the timestamp and the body', () => {
    const headers = signed(NOW);
    expect(check(opts, { ...headers, 'webhook-id': 'msg_2' }, [secret]).ok).toBe(false);
    expect(check(opts, { ...headers, 'webhook-timestamp': String(seconds(NOW) + 1) }, [secret]).ok).toBe(false);
    expect(check(opts, headers, [secret], new TextEncoder().encode(`${body} `)).ok).toBe(false);
  });

  it('names what is missing or malformed', () => {
    const headers = signed(NOW);
    const without = (name: string) => Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
    expect(check(opts, without('webhook-signature'), [secret])).toEqual({ ok: false, reason: 'missing header "webhook-signature"' });
    expect(check(opts, without('webhook-id'), [secret])).toEqual({ ok: false, reason: 'missing header "webhook-id"' });
    expect(check(opts, { ...headers, 'webhook-timestamp': 'yesterday' }, [secret])).toEqual({ ok: false, reason: expect.stringMatching(/Unix time/) });
    expect(check(opts, { ...headers, 'webhook-signature': headers['webhook-signature'].slice(0, 20) }, [secret]))
      .toEqual({ ok: false, reason: expect.stringMatching(/no well-formed/) });
  });

  it('accepts the Svix names of the same headers', () => {
    const headers = signed(NOW);
    const svix = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.replace('webhook-', 'svix-'), v]));
    expect(check(opts, svix, [secret])).toMatchObject({ ok: true });
  });
});

describe('github, signed by @octokit/webhooks-methods', () => {
  const opts = options({ scheme: 'github' });
  const secret = generateSecret('github');

  it('accepts the X-Hub-Signature-256 of the body and refuses it for another body or secret', async () => {
    const signature = await githubSign(secret, body);
    expect(check(opts, { 'x-hub-signature-256': signature }, [secret])).toMatchObject({ ok: true });
    expect(check(opts, { 'x-hub-signature-256': signature }, ['another-secret-123456'])).toMatchObject({ ok: false });
    expect(check(opts, { 'x-hub-signature-256': await githubSign(secret, `${body}x`) }, [secret])).toMatchObject({ ok: false });
    expect(check(opts, { 'x-hub-signature-256': signature.slice(0, -1) }, [secret])).toEqual({ ok: false, reason: expect.stringMatching(/64 hex/) });
    expect(check(opts, {}, [secret])).toEqual({ ok: false, reason: 'missing header "X-Hub-Signature-256"' });
  });

  it('takes X-GitHub-Delivery as the delivery id', () => {
    expect(verifierFor(opts).deliveryId(opts, new Headers({ 'x-github-delivery': 'd-1' }))).toBe('d-1');
  });
});

describe('stripe, signed by the stripe library', () => {
  const secret = 'whsec_test_0123456789abcdefghijklmnop';
  const opts = options({ scheme: 'stripe', secret });
  const header = (at: Date, key = secret) => stripe.webhooks.generateTestHeaderString({ payload: body, secret: key, timestamp: seconds(at) });

  it('accepts a fresh signature; refuses stale, future and foreign ones', () => {
    expect(check(opts, { 'stripe-signature': header(NOW) }, [secret])).toMatchObject({ ok: true });
    expect(check(opts, { 'stripe-signature': header(new Date(NOW.getTime() - 301_000)) }, [secret])).toMatchObject({ ok: false, reason: expect.stringMatching(/old/) });
    expect(check(opts, { 'stripe-signature': header(new Date(NOW.getTime() + 301_000)) }, [secret])).toMatchObject({ ok: false, reason: expect.stringMatching(/future/) });
    expect(check(opts, { 'stripe-signature': header(NOW, 'whsec_someone_else_000000000') }, [secret])).toMatchObject({ ok: false });
  });

  it('accepts when any v1 entry matches (Stripe signs with both secrets while one is rolled)', () => {
    const mine = header(NOW);
    const v1 = mine.split(',').find((p) => p.startsWith('v1='))!;
    const foreign = header(NOW, 'whsec_someone_else_000000000').split(',').find((p) => p.startsWith('v1='))!;
    expect(check(opts, { 'stripe-signature': `t=${seconds(NOW)},${foreign},${v1}` }, [secret])).toMatchObject({ ok: true });
    expect(check(opts, { 'stripe-signature': `t=${seconds(NOW)}` }, [secret])).toEqual({ ok: false, reason: expect.stringMatching(/no well-formed v1/) });
    expect(check(opts, { 'stripe-signature': v1 }, [secret])).toEqual({ ok: false, reason: expect.stringMatching(/no timestamp/) });
  });
});

describe('hmac-sha256 with a configurable header, prefix and encoding', () => {
  const secret = 'shared-secret-0123456789';
  // a generic scheme has no publisher library: any sender's HMAC is Node's HMAC
  const hex = createHmac('sha256', secret).update(body).digest('hex');
  const b64 = createHmac('sha256', secret).update(body).digest('base64');

  it('hex after a prefix', () => {
    const opts = options({ scheme: 'hmac-sha256', header: 'X-Signature-256', prefix: 'sha256=' });
    expect(check(opts, { 'x-signature-256': `sha256=${hex}` }, [secret])).toMatchObject({ ok: true });
    expect(check(opts, { 'x-signature-256': hex }, [secret])).toEqual({ ok: false, reason: expect.stringMatching(/must start with "sha256="/) });
    expect(check(opts, { 'x-signature-256': `sha256=${hex.toUpperCase()}` }, [secret])).toMatchObject({ ok: true });
  });

  it('base64 without a prefix', () => {
    const opts = options({ scheme: 'hmac-sha256', encoding: 'base64' });
    expect(check(opts, { 'x-signature': b64 }, [secret])).toMatchObject({ ok: true });
    expect(check(opts, { 'x-signature': hex }, [secret])).toMatchObject({ ok: false });
  });
});

describe('token', () => {
  const opts = options({ scheme: 'token', header: 'authorization', prefix: 'Bearer ' });

  it('compares the header with the secret', () => {
    expect(check(opts, { authorization: 'Bearer tok-0123456789abcdef' }, ['tok-0123456789abcdef'])).toMatchObject({ ok: true });
    expect(check(opts, { authorization: 'Bearer tok-0123456789abcdeF' }, ['tok-0123456789abcdef'])).toMatchObject({ ok: false });
    expect(check(opts, { authorization: 'Bearer tok-0123456789abcde' }, ['tok-0123456789abcdef'])).toMatchObject({ ok: false });
    expect(check(opts, { authorization: 'tok-0123456789abcdef' }, ['tok-0123456789abcdef'])).toMatchObject({ ok: false });
  });
});

describe('verify options', () => {
  it('refuses an unknown scheme, naming the choices', () => {
    const result = verifySchema.safeParse({ scheme: 'md5' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/standard-webhooks, github, stripe, hmac-sha256, token, none/);
  });

  it('refuses a Standard Webhooks secret that is not whsec_ base64, and a secret for none', () => {
    expect(verifySchema.safeParse({ scheme: 'standard-webhooks', secret: 'not base64 at all!!' }).success).toBe(false);
    expect(verifySchema.safeParse({ scheme: 'standard-webhooks', secret: generateSecret('standard-webhooks') }).success).toBe(true);
    expect(verifySchema.safeParse({ scheme: 'none', secret: 'x'.repeat(20) }).success).toBe(false);
  });
});
