'use client';
/** On an event's page: re-send it to a workflow, and open its subject's history as of this event. */
import Link from 'next/link';
import { ResendButton } from './resend-button';
import styles from './replays.module.css';

export function EventActions({ event }: { event: { id: string; source: string; subject?: string; receivedAt: string } }) {
  return (
    <span className={styles.toolbar}>
      {event.subject && (
        <Link className={styles.link} href={`/subjects?subject=${encodeURIComponent(event.subject)}&asOf=${encodeURIComponent(event.receivedAt)}`}>
          {event.subject} as of this event
        </Link>
      )}
      <ResendButton target={{ event: { id: event.id, source: event.source } }} />
    </span>
  );
}
