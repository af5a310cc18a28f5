/** console output of one run, capped in lines and bytes; what does not fit is counted, not kept. */

export const LOG_LEVELS = new Set(['log', 'info', 'warn', 'error', 'debug']);

export function createLogBuffer({ maxLogLines, maxLogBytes }) {
  const entries = [];
  let bytes = 0;
  let dropped = 0;
  return {
    /** Whether another line could still be kept (the caller then skips reading it out). */
    get full() {
      return entries.length >= maxLogLines || bytes >= maxLogBytes;
    },
    add(level, message) {
      const size = Buffer.byteLength(message);
      if (entries.length >= maxLogLines || bytes + size > maxLogBytes) {
        dropped++;
        return;
      }
      entries.push({ level: LOG_LEVELS.has(level) ? level : 'log', message });
      bytes += size;
    },
    drop() {
      dropped++;
    },
    list() {
      if (dropped === 0) return entries;
      const note = `${dropped} more log line(s) dropped (limit: ${maxLogLines} lines, ${maxLogBytes} bytes)`;
      return [...entries, { level: 'warn', message: note }];
    },
  };
}
