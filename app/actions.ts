'use server';

import { revalidatePath } from 'next/cache';
import { requireAction } from '@/lib/auth/next/action';
import { appendEvents } from '@/lib/events/append';
import { demoOrders } from '@/lib/demo/orders';
import { getServices } from '@/lib/server/services';

/** The demo button: sends a batch of orders, some of which fail. */
export async function sendDemoOrders(): Promise<void> {
  await requireAction('editor');
  const services = getServices();
  const orders = demoOrders(10);
  await appendEvents({ db: services.database.db, producer: services.producer }, orders.map((o) => ({ ...o, id: o.subject, datacontenttype: 'application/json' })));
  revalidatePath('/');
}
