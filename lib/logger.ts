import pino, { type Logger } from 'pino';

/** Payloads (event data, step input/output, headers) are redacted by default. */
const redact = {
  paths: ['data', '*.data', 'input', '*.input', 'output', '*.output', 'headers', '*.headers', 'body', '*.body', '*.authorization'],
  censor: '[redacted]',
};

export function createLogger(name: string, level = 'info'): Logger {
  return pino({ name, level, redact });
}

export type { Logger };
