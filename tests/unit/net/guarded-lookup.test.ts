import { describe, expect, it } from 'vitest';
import type { LookupAddress } from 'node:dns';
import { compileAllowList } from '../../../lib/net/allow-list';
import { HttpBlockedError } from '../../../lib/net/errors';
import { createGuardedLookup, type Resolver } from '../../../lib/net/guarded-lookup';

type Outcome = { err: Error | null; address: string | LookupAddress[]; family?: number };

function run(resolve: Resolver, all: boolean, allow: string[] = [], family?: number): Promise<Outcome> {
  const lookup = createGuardedLookup({ list: compileAllowList(allow), resolve, checkAddresses: true });
  return new Promise((done) => lookup('svc.test', { all, family }, (err, address, fam) => done({ err, address, family: fam })));
}

const addresses = (...ips: string[]): Resolver => async () =>
  ips.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('createGuardedLookup', () => {
  it('answers in the shape net.connect asked for (all: true → list, else first address)', async () => {
    const resolve = addresses('8.8.8.8', '2606:4700::1');
    expect(await run(resolve, true)).toMatchObject({ err: null, address: [{ address: '8.8.8.8' }, { address: '2606:4700::1' }] });
    expect(await run(resolve, false)).toMatchObject({ err: null, address: '8.8.8.8', family: 4 });
  });

  it('refuses when any address is blocked, naming it', async () => {
    const outcome = await run(addresses('8.8.8.8', 'fd00::1'), true);
    expect(outcome.err).toBeInstanceOf(HttpBlockedError);
    expect(outcome.err?.message).toMatch(/fd00::1/);
  });

  it('passes the requested family to the resolver and reports an empty answer as ENOTFOUND', async () => {
    let seen: number | undefined;
    const outcome = await run(
      async (_host, family) => {
        seen = family;
        return [];
      },
      false,
      [],
      6,
    );
    expect(seen).toBe(6);
    expect(outcome.err).toMatchObject({ code: 'ENOTFOUND' });
  });

  it('admits blocked addresses inside an allowed CIDR', async () => {
    expect(await run(addresses('10.1.2.3'), true, ['10.0.0.0/8'])).toMatchObject({ err: null });
  });
});
