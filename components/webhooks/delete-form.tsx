'use client';

import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';

/** Deletes the endpoint after a confirmation; its deliveries log goes with it, its events stay. */
export function DeleteForm({ action, name }: { action: () => Promise<void>; name: string }) {
  return (
    <form action={action} onSubmit={(e) => {
      if (!window.confirm(`Delete the endpoint "${name}"? Senders will get 404 from now on.`)) e.preventDefault();
    }}>
      <Button type="submit" variant="danger" icon={<Icon name="trash" />}>Delete endpoint</Button>
    </form>
  );
}
