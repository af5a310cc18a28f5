/**
 * The thread's half of `fetch`: asks travel to the host, which runs them through the safe HTTP
 * client (lib/sandbox/fetch-relay.ts) and posts the answer back. The thread itself opens no socket.
 */

export function createFetchBridge(port) {
  let nextRequestId = 1;
  const waiting = new Map();

  return {
    /** Delivers a host answer to whoever asked; answers for finished tasks are dropped. */
    answer(msg) {
      const resolve = waiting.get(msg.requestId);
      if (!resolve) return;
      waiting.delete(msg.requestId);
      resolve(msg.answer);
    },

    /** The asks of one task; `close()` forgets those still unanswered. */
    session(taskId) {
      const mine = new Set();
      return {
        ask(ask) {
          const requestId = nextRequestId++;
          mine.add(requestId);
          port.postMessage({ type: 'fetch', taskId, requestId, ask });
          return new Promise((resolve) => {
            waiting.set(requestId, (answer) => {
              mine.delete(requestId);
              resolve(answer);
            });
          });
        },
        close() {
          for (const id of mine) waiting.delete(id);
          mine.clear();
        },
      };
    },
  };
}
