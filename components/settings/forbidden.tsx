import styles from './settings.module.css';

/** What a page shows to someone whose role is too weak for it (the server renders nothing else). */
export function Forbidden({ need, have }: { need: string; have: string }) {
  return (
    <section className={styles.card} role="alert" aria-label="Not allowed">
      <h2>Not allowed</h2>
      <p>This page needs the <strong>{need}</strong> role; you have <strong>{have}</strong>. Ask an admin if you need it.</p>
    </section>
  );
}
