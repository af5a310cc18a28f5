/** `npm run demo`: sends a batch of orders to a running Causeway and follows each to its end. */
import fs from 'node:fs';
import path from 'node:path';
import { demoOrders } from '@/lib/demo/orders';
import { parseEnv } from '@/lib/env';

const env = parseEnv(process.env);
const base = process.env.CAUSEWAY_URL ?? `http://localhost:${env.PORT}`;
const keyFile = path.join(env.CAUSEWAY_DATA_DIR, 'api-key');
const apiKey = env.CAUSEWAY_API_KEY ?? (fs.existsSync(keyFile) ? fs.readFileSync(keyFile, 'utf8').trim() : '');
const count = Number(process.argv[2] ?? 10);
const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };

async function main() {
  if (!apiKey) throw new Error('no API key: set CAUSEWAY_API_KEY or start Causeway with npm start first');
  const orders = demoOrders(count);
  const response = await fetch(`${base}/api/events`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/cloudevents-batch+json' },
    body: JSON.stringify(orders.map((o) => ({ specversion: '1.0', id: o.subject, ...o }))),
  });
  if (!response.ok) throw new Error(`POST /api/events answered ${response.status}: ${await response.text()}`);
  console.log(`Sent ${count} orders to ${base}; following them (timeouts take about 10 s)...`);

  const outcome = new Map<string, string>();
  const deadline = Date.now() + 60_000;
  while (outcome.size < count && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const res = await fetch(`${base}/api/events?type=order.*&limit=500`, { headers });
    const { items } = await res.json() as { items: { type: string; subject?: string }[] };
    for (const e of items) {
      if ((e.type === 'order.fulfilled' || e.type === 'order.cancelled') && orders.some((o) => o.subject === e.subject)) outcome.set(e.subject!, e.type);
    }
  }
  for (const o of orders) console.log(`${o.subject}  total ${String(o.data.total).padStart(5)}  ${o.data.items[0].sku.padEnd(13)} -> ${outcome.get(o.subject) ?? 'still running'}`);
  const fulfilled = [...outcome.values()].filter((t) => t === 'order.fulfilled').length;
  console.log(`${fulfilled} fulfilled, ${outcome.size - fulfilled} cancelled, ${count - outcome.size} unfinished`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
