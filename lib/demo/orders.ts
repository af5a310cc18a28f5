import { randomUUID } from 'node:crypto';

/** A batch of demo orders: most succeed, some are out of stock, some are declined. */
export function demoOrders(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const orderId = `ord-${randomUUID().slice(0, 8)}`;
    const outOfStock = i % 5 === 3;
    const declined = i % 5 === 4;
    return {
      type: 'order.placed',
      source: '/demo/shop',
      subject: orderId,
      data: {
        orderId,
        customer: `customer-${(i % 7) + 1}`,
        total: declined ? 1499 : 20 + (i % 10) * 11,
        items: [{ sku: outOfStock ? 'OUT-OF-STOCK' : `SKU-${100 + i}`, qty: 1 + (i % 3) }],
      },
    };
  });
}
