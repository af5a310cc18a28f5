import type { WorkflowDocument } from '@/lib/engine/graph';

const at = (x: number, y: number) => ({ x, y });
const placed = { id: 'placed', type: 'trigger.event', position: at(0, 0), config: { eventType: 'order.placed' } };
const orderSubject = '{{ event.data.orderId }}';

/** The order saga of SPEC §9: three workflows react to order.placed, a fourth waits for all of them. */
export function demoWorkflows(mockUrl: string, opts: { waitTimeout?: string } = {}): WorkflowDocument[] {
  const timeout = opts.waitTimeout ?? '10s';
  return [
    {
      name: 'Reserve inventory',
      description: 'Reserves the items of a placed order and reports the outcome.',
      nodes: [
        placed,
        { id: 'reserve', type: 'http', position: at(300, 0), onError: 'branch', config: {
          method: 'POST', url: `${mockUrl}/inventory/reserve`,
          body: '{{ { "orderId": event.data.orderId, "items": event.data.items } }}' } },
        { id: 'reserved', type: 'emit', position: at(600, -80), config: {
          eventType: 'inventory.reserved', subject: orderSubject,
          data: '{{ { "orderId": event.data.orderId, "reservationId": steps.reserve.body.reservationId } }}' } },
        { id: 'unavailable', type: 'emit', position: at(600, 80), config: {
          eventType: 'inventory.failed', subject: orderSubject,
          data: '{{ { "orderId": event.data.orderId, "reason": steps.reserve.error.message } }}' } },
      ],
      edges: [
        { id: 'e1', source: 'placed', target: 'reserve' },
        { id: 'e2', source: 'reserve', target: 'reserved' },
        { id: 'e3', source: 'reserve', target: 'unavailable', sourceHandle: 'error' },
      ],
    },
    {
      name: 'Capture payment',
      description: 'Charges the order total, retrying a busy provider, and reports the outcome.',
      nodes: [
        placed,
        { id: 'charge', type: 'http', position: at(300, 0), onError: 'branch',
          retry: { attempts: 4, backoff: 'exponential', delay: '200ms' }, config: {
            method: 'POST', url: `${mockUrl}/payments/charge`,
            body: '{{ { "orderId": event.data.orderId, "amount": event.data.total } }}' } },
        { id: 'captured', type: 'emit', position: at(600, -80), config: {
          eventType: 'payment.captured', subject: orderSubject,
          data: '{{ { "orderId": event.data.orderId, "chargeId": steps.charge.body.chargeId } }}' } },
        { id: 'declined', type: 'emit', position: at(600, 80), config: {
          eventType: 'payment.failed', subject: orderSubject,
          data: '{{ { "orderId": event.data.orderId, "reason": steps.charge.error.message } }}' } },
      ],
      edges: [
        { id: 'e1', source: 'placed', target: 'charge' },
        { id: 'e2', source: 'charge', target: 'captured' },
        { id: 'e3', source: 'charge', target: 'declined', sourceHandle: 'error' },
      ],
    },
    {
      name: 'Prepare shipping',
      description: 'Quotes a carrier and packs the parcels in parallel, then reports both.',
      nodes: [
        placed,
        { id: 'quote', type: 'http', position: at(300, -80), config: {
          method: 'POST', url: `${mockUrl}/shipping/quote`, body: '{{ { "orderId": event.data.orderId } }}' } },
        { id: 'packing', type: 'transform', position: at(300, 80), config: {
          expression: '{ "orderId": event.data.orderId, "parcels": $count(event.data.items) }' } },
        { id: 'prepared', type: 'emit', position: at(600, 0), config: {
          eventType: 'shipping.prepared', subject: orderSubject,
          data: '{{ { "orderId": event.data.orderId, "carrier": steps.quote.body.carrier, "parcels": steps.packing.parcels } }}' } },
      ],
      edges: [
        { id: 'e1', source: 'placed', target: 'quote' },
        { id: 'e2', source: 'placed', target: 'packing' },
        { id: 'e3', source: 'quote', target: 'prepared' },
        { id: 'e4', source: 'packing', target: 'prepared' },
      ],
    },
    {
      name: 'Fulfil order',
      description: 'Waits for inventory, payment and shipping of the same order; cancels it when one does not come in time.',
      nodes: [
        placed,
        ...(['inventory.reserved', 'payment.captured', 'shipping.prepared'] as const).map((eventType, i) => ({
          id: ['inventory', 'payment', 'shipping'][i], type: 'wait_for_event', position: at(300 * (i + 1), 0),
          config: { eventType, match: 'event.data.orderId = trigger.data.orderId', timeout },
        })),
        { id: 'fulfilled', type: 'emit', position: at(1200, -80), config: {
          eventType: 'order.fulfilled', subject: orderSubject,
          data: '{{ { "orderId": event.data.orderId, "chargeId": steps.payment.data.chargeId, "carrier": steps.shipping.data.carrier } }}' } },
        { id: 'cancelled', type: 'emit', position: at(1200, 120), config: {
          eventType: 'order.cancelled', subject: orderSubject,
          data: '{{ { "orderId": event.data.orderId, "reason": "not all of inventory, payment and shipping confirmed in time" } }}' } },
      ],
      edges: [
        { id: 'e1', source: 'placed', target: 'inventory' },
        { id: 'e2', source: 'inventory', target: 'payment', sourceHandle: 'received' },
        { id: 'e3', source: 'payment', target: 'shipping', sourceHandle: 'received' },
        { id: 'e4', source: 'shipping', target: 'fulfilled', sourceHandle: 'received' },
        { id: 'e5', source: 'inventory', target: 'cancelled', sourceHandle: 'timeout' },
        { id: 'e6', source: 'payment', target: 'cancelled', sourceHandle: 'timeout' },
        { id: 'e7', source: 'shipping', target: 'cancelled', sourceHandle: 'timeout' },
      ],
    },
    {
      name: 'Compensate cancelled order',
      description: 'Refunds the payment of a cancelled order (the refund is idempotent).',
      nodes: [
        { id: 'cancelled', type: 'trigger.event', position: at(0, 0), config: { eventType: 'order.cancelled' } },
        { id: 'refund', type: 'http', position: at(300, 0), config: {
          method: 'POST', url: `${mockUrl}/payments/refund`, body: '{{ { "orderId": event.data.orderId } }}' } },
        { id: 'refunded', type: 'emit', position: at(600, 0), config: {
          eventType: 'payment.refunded', subject: orderSubject,
          data: '{{ { "orderId": event.data.orderId, "refundId": steps.refund.body.refundId } }}' } },
      ],
      edges: [
        { id: 'e1', source: 'cancelled', target: 'refund' },
        { id: 'e2', source: 'refund', target: 'refunded' },
      ],
    },
  ];
}
