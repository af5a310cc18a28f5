'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import styles from './webhooks.module.css';

/** Re-renders the page from the server every few seconds while it is visible and nobody is typing. */
export function AutoRefresh({ everyMs = 2000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      const active = document.activeElement;
      const typing = active instanceof HTMLInputElement || active instanceof HTMLSelectElement || active instanceof HTMLTextAreaElement;
      if (document.visibilityState === 'visible' && !typing) router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return <span className={styles.live}>live</span>;
}
