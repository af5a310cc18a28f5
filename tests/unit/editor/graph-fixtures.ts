import type { WorkflowDocument, WorkflowNode } from '@/lib/engine/graph';

const at = (x: number) => ({ x, y: 0 });
export const node = (id: string, type: string, x: number, config: Record<string, unknown> = {}): WorkflowNode => ({ id, type, position: at(x), config });

/**
 *   placed ──▶ charge ──▶ captured
 *                 └─error─▶ declined
 */
export function paymentDoc(): WorkflowDocument {
  return {
    name: 'Capture payment',
    nodes: [
      node('placed', 'trigger.event', 0, { eventType: 'order.placed' }),
      { ...node('charge', 'http', 250, { method: 'POST', url: 'https://pay.test/charge' }), onError: 'branch' },
      node('captured', 'emit', 500, { eventType: 'payment.captured', data: '{{ steps.charge.body }}' }),
      node('declined', 'emit', 500, { eventType: 'payment.failed', data: '{{ steps.charge.error.message }}' }),
    ],
    edges: [
      { id: 'e1', source: 'placed', target: 'charge' },
      { id: 'e2', source: 'charge', target: 'captured' },
      { id: 'e3', source: 'charge', target: 'declined', sourceHandle: 'error' },
    ],
  };
}
