import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import { Pill, StatusPill } from '@/components/ui/pill';
import type { DeliveryView } from '@/lib/hooks/deliveries';
import { prettyBody, shortTime, statusTone, VERIFICATION } from './format';
import styles from './webhooks.module.css';

function Headers({ headers }: { headers: [string, string][] }) {
  return (
    <table className={styles.headers}>
      <tbody>
        {headers.map(([name, value]) => (
          <tr key={name}>
            <td>{name}</td>
            <td className={value.startsWith('[masked') ? styles.masked : styles.code}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Runs({ runs }: { runs: DeliveryView['runs'] }) {
  if (runs.length === 0) return <span className={styles.small}>—</span>;
  return (
    <span className={styles.runs}>
      {runs.map((run) => (
        <a key={run.id} className={`${styles.run} ${styles.link}`} href={`/workflows/${run.workflowId}/runs/${run.id}`} title={`run ${run.id}`}>
          {run.workflowName} <StatusPill status={run.status} />
        </a>
      ))}
    </span>
  );
}

function Delivery({ d, resend }: { d: DeliveryView; resend: (deliveryId: number) => Promise<void> }) {
  const verification = VERIFICATION[d.verification] ?? { label: d.verification, tone: 'neutral' as const };
  return (
    <details className={styles.delivery} data-testid="delivery">
      <summary>
        <span className={styles.code} title={d.receivedAt}>{shortTime(d.receivedAt)}</span>
        <span><Pill tone={statusTone(d.status)}>{d.status}</Pill></span>
        <span><Pill tone={verification.tone} title={d.verificationDetail ?? undefined}>{verification.label}</Pill></span>
        <span className={styles.small}>{d.dedupe ?? '—'}</span>
        <span className={styles.code}>{d.eventType ? <>{d.eventType} <span className={styles.small}>#{d.eventSeq}</span></> : '—'}</span>
        <Runs runs={d.runs} />
        <span className={styles.chevron} aria-hidden="true">›</span>
      </summary>
      <div className={styles.detail}>
        <div>
          <h3>Outcome</h3>
          <dl className={styles.facts}>
            <dt>Answered</dt><dd>{d.status}{d.durationMs !== null ? ` in ${d.durationMs} ms` : ''}</dd>
            <dt>Check</dt><dd>{d.verificationDetail ?? verification.label}</dd>
            {d.error && d.verification !== 'failed' && (<><dt>Refused because</dt><dd>{d.error.message}</dd></>)}
            {d.eventId && (<><dt>Event</dt><dd className={styles.code}>{d.eventId}{d.eventSeq !== null ? ` (seq ${d.eventSeq}${d.dedupe === 'duplicate' ? ', already logged' : ''})` : ''}</dd></>)}
            {d.resentFrom !== null && (<><dt>Sent again from</dt><dd>delivery #{d.resentFrom}</dd></>)}
          </dl>
          {d.resendable && (
            <form action={resend.bind(null, d.id)} className={styles.actions}>
              <Button type="submit" size="sm" icon={<Icon name="send" />}>Send again</Button>
            </form>
          )}
        </div>
        <div>
          <h3>Headers</h3>
          <Headers headers={d.headers} />
        </div>
        <div className={styles.detailWide}>
          <h3>Body{d.bodyBytes !== null ? ` (${d.bodyBytes} bytes${d.bodyTruncated ? ', shown in part' : ''})` : ''}</h3>
          {d.body === null ? <p className={styles.small}>Not kept: the body was refused before it was read in full.</p>
            : <pre className={styles.body}>{prettyBody(d.body)}</pre>}
        </div>
      </div>
    </details>
  );
}

/** The latest deliveries of an endpoint, each opening onto its headers, body and outcome. */
export function Deliveries({ deliveries, resend }: { deliveries: DeliveryView[]; resend: (deliveryId: number) => Promise<void> }) {
  if (deliveries.length === 0) {
    return <div className={`${styles.deliveries} ${styles.empty}`}>No deliveries yet. Send one with the example above.</div>;
  }
  return (
    <div className={styles.deliveries} role="list" aria-label="Deliveries">
      <div className={styles.deliveryHead} aria-hidden="true">
        <span>Received (UTC)</span><span>Status</span><span>Check</span><span>Dedupe</span><span>Event</span><span>Runs</span><span />
      </div>
      {deliveries.map((d) => <div role="listitem" className={styles.item} key={d.id}><Delivery d={d} resend={resend} /></div>)}
    </div>
  );
}
