import { CopyButton } from './copy-button';
import styles from './webhooks.module.css';

/** The endpoint URL, its secret (shown this once) and a ready curl example, each with a copy button. */
export function SecretReveal({ message, url, secret, curl, detailsHref }: {
  message: string; url: string; secret: string | null; curl: string; detailsHref?: string;
}) {
  return (
    <section className={styles.reveal} aria-label="New endpoint secret" role="status">
      <p>{message}</p>
      <div className={styles.copyRow}>
        <span className={styles.copyLabel}>URL</span>
        <pre className={styles.copyValue} data-testid="hook-url">{url}</pre>
        <CopyButton value={url} label="URL" />
      </div>
      {secret !== null && (
        <div className={styles.copyRow}>
          <span className={styles.copyLabel}>Secret</span>
          <pre className={styles.copyValue} data-testid="hook-secret">{secret}</pre>
          <CopyButton value={secret} label="secret" />
        </div>
      )}
      <div className={styles.copyRow}>
        <span className={styles.copyLabel}>Try it</span>
        <pre className={styles.copyValue} data-testid="hook-curl">{curl}</pre>
        <CopyButton value={curl} label="curl example" />
      </div>
      {detailsHref && <a className={styles.link} href={detailsHref}>Open the endpoint and watch its deliveries →</a>}
    </section>
  );
}
