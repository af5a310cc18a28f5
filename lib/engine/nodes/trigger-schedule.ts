/** `trigger.schedule`: a cron schedule; the scheduler logs each tick as an event. */
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { single } from './common';
import type { NodeDefinition } from './types';

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** null when the cron expression parses, else the parser's reason. */
export function cronProblem(cron: string, timezone?: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (!cron.trim().startsWith('@') && fields.length !== 5 && fields.length !== 6) {
    return 'expected 5 fields (minute hour day month weekday), 6 with seconds first, or @hourly/@daily/…';
  }
  try {
    CronExpressionParser.parse(cron, timezone ? { tz: timezone } : {});
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export const triggerScheduleConfig = z.object({
  cron: z
    .string()
    .superRefine((cron, ctx) => {
      const problem = cronProblem(cron);
      if (problem) ctx.addIssue({ code: 'custom', message: `invalid cron expression: ${problem}` });
    })
    .meta({
      title: 'Cron schedule',
      description: 'minute hour day month weekday (6 fields: seconds first), or @hourly, @daily, …',
      examples: ['*/5 * * * *'],
    }),
  timezone: z
    .string()
    .refine(isValidTimezone, { message: 'unknown time zone' })
    .optional()
    .meta({ title: 'Time zone', description: 'IANA time zone of the schedule (UTC when empty).', examples: ['Europe/Berlin'] }),
});

/** The first tick strictly after `after`. */
export function nextScheduleTick(config: { cron: string; timezone?: string }, after: Date): Date {
  const expr = CronExpressionParser.parse(config.cron, {
    currentDate: after,
    ...(config.timezone && { tz: config.timezone }),
  });
  return expr.next().toDate();
}

export const triggerScheduleNode: NodeDefinition = {
  type: 'trigger.schedule',
  category: 'trigger',
  label: 'Schedule',
  description: 'Starts a run on a cron schedule (each tick is logged as an event).',
  configSchema: triggerScheduleConfig,
  handles: single,
  isTrigger: true,
};
