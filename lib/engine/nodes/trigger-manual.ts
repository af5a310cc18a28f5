/** `trigger.manual`: started from the UI or API with a payload, which is logged as an event. */
import { z } from 'zod';
import { single } from './common';
import type { NodeDefinition } from './types';

export const triggerManualConfig = z.object({});

export const triggerManualNode: NodeDefinition = {
  type: 'trigger.manual',
  category: 'trigger',
  label: 'Manual trigger',
  description: 'Started by hand from the UI or the API, with a payload.',
  configSchema: triggerManualConfig,
  handles: single,
  isTrigger: true,
};
