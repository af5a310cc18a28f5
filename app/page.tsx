import { desc, isNull, sql } from 'drizzle-orm';
import { events, runs, workflows } from '@/db/schema';
import { requirePage } from '@/lib/auth/next/page';
import { hasRole } from '@/lib/auth/roles';
import { getServices } from '@/lib/server/services';
import { sendDemoOrders } from './actions';

export const dynamic = 'force-dynamic';

const time = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) : '');

export default async function Home() {
  const viewer = await requirePage();
  const { db } = getServices().database;
  const [flows, recentEvents, recentRuns] = await Promise.all([
    db.select({ id: workflows.id, name: workflows.name, active: sql<boolean>`${workflows.activeVersionId} is not null` })
      .from(workflows).where(isNull(workflows.deletedAt)).orderBy(workflows.name),
    db.select().from(events).orderBy(desc(events.seq)).limit(20),
    db.select({ id: runs.id, workflowId: runs.workflowId, status: runs.status, createdAt: runs.createdAt, finishedAt: runs.finishedAt })
      .from(runs).orderBy(desc(runs.createdAt)).limit(20),
  ]);
  const names = new Map(flows.map((f) => [f.id, f.name]));
  return (
    <>
      <div className="row">
        <h1>Overview</h1>
        {hasRole(viewer.role, 'editor') && <form action={sendDemoOrders}><button type="submit">Send 10 demo orders</button></form>}
      </div>
      <h2>Workflows</h2>
      <table>
        <thead><tr><th>Name</th><th>Status</th></tr></thead>
        <tbody>
          {flows.map((f) => (
            <tr key={f.id}><td>{f.name}</td><td className={`status status-${f.active ? 'active' : 'inactive'}`}>{f.active ? 'active' : 'inactive'}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>Latest events</h2>
      <table>
        <thead><tr><th>Seq</th><th>Type</th><th>Subject</th><th>Source</th><th>Received</th></tr></thead>
        <tbody>
          {recentEvents.map((e) => (
            <tr key={e.seq}><td>{e.seq}</td><td><code>{e.type}</code></td><td>{e.subject}</td><td><code>{e.source}</code></td><td>{time(e.receivedAt)}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>Latest runs</h2>
      <table>
        <thead><tr><th>Run</th><th>Workflow</th><th>Status</th><th>Started</th><th>Finished</th></tr></thead>
        <tbody>
          {recentRuns.map((r) => (
            <tr key={r.id}><td><code>{r.id.slice(0, 8)}</code></td><td>{names.get(r.workflowId) ?? r.workflowId}</td>
              <td className={`status status-${r.status}`}>{r.status}</td><td>{time(r.createdAt)}</td><td>{time(r.finishedAt)}</td></tr>
          ))}
        </tbody>
      </table>
      <p className="muted">The API is under <code>/api</code>; see the README.</p>
    </>
  );
}
