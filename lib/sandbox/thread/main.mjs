/**
 * Entry of a sandbox thread (started by lib/sandbox/pool.ts). It runs one task at a time in a
 * QuickJS WebAssembly instance (engine.mjs); the pool terminates it when it stays silent past
 * a task's time limit.
 *
 * Plain JavaScript on purpose: worker threads start without the TypeScript loader of the parent
 * (and are started without it, which keeps their start fast). The messages are typed in
 * ../protocol.ts.
 */
import { parentPort } from 'node:worker_threads';
import { dropEngine, engineFor } from './engine.mjs';
import { evaluate } from './evaluate.mjs';
import { createFetchBridge } from './fetch-bridge.mjs';

await engineFor(64 * 1024 * 1024);
const bridge = createFetchBridge(parentPort);

parentPort.on('message', async (msg) => {
  if (msg.type === 'fetch-result') {
    bridge.answer(msg);
    return;
  }
  if (msg.type !== 'run') return;
  const engine = await engineFor(msg.task.memoryBytes);
  const { report, spent } = await evaluate(engine, msg.task, bridge.session(msg.task.id));
  if (spent) dropEngine(engine);
  parentPort.postMessage({ type: 'result', taskId: msg.task.id, ...report });
});

parentPort.postMessage({ type: 'ready' });
