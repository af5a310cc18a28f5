import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The outside world of the demo: inventory, payments and shipping services on loopback.
 * Deterministic failures: sku "OUT-OF-STOCK" is refused by inventory (409), a total over 1000 is
 * declined by payments (402), and every 4th payment call fails once with 503 to show retries.
 */
export async function startMockService(port = 0): Promise<{ url: string; stop(): Promise<void> }> {
  let paymentCalls = 0;
  const seenKeys = new Map<string, unknown>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown> = {};
    try { body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {}; } catch { /* empty body */ }
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const key = `${req.url}|${req.headers['idempotency-key'] ?? ''}`;
    if (req.headers['idempotency-key'] && seenKeys.has(key)) return send(200, seenKeys.get(key));
    const remember = (status: number, payload: unknown) => {
      if (status < 300) seenKeys.set(key, payload);
      send(status, payload);
    };
    switch (req.url) {
      case '/inventory/reserve': {
        const items = (body.items as { sku: string }[] | undefined) ?? [];
        if (items.some((i) => i.sku === 'OUT-OF-STOCK')) return remember(409, { error: 'out of stock' });
        return remember(200, { reservationId: `res-${body.orderId}`, items: items.length });
      }
      case '/payments/charge': {
        paymentCalls += 1;
        if (paymentCalls % 4 === 0) return send(503, { error: 'payment provider busy, retry' });
        if (Number(body.amount) > 1000) return remember(402, { error: 'card declined' });
        return remember(200, { chargeId: `ch-${body.orderId}`, amount: body.amount });
      }
      case '/payments/refund':
        return remember(200, { refundId: `rf-${body.orderId}` });
      case '/shipping/quote':
        return remember(200, { carrier: 'Causeway Express', days: 2, price: 4.99 });
      default:
        return send(404, { error: 'not found' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
