/** Stroke icons (24-unit grid) for node types and toolbar actions. */
import type { ReactElement, SVGProps } from 'react';

const PATHS = {
  zap: <path d="M13 2 3 14h9l-1 8 10-12h-9l1-8z" />,
  clock: (<><circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" /></>),
  play: (<><circle cx="12" cy="12" r="9" /><path d="m10 8 6 4-6 4z" /></>),
  globe: (<><circle cx="12" cy="12" r="9" /><path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" /></>),
  braces: <path d="M8 4H7a2 2 0 0 0-2 2v4a2 2 0 0 1-2 2 2 2 0 0 1 2 2v4a2 2 0 0 0 2 2h1M16 4h1a2 2 0 0 1 2 2v4a2 2 0 0 0 2 2 2 2 0 0 0-2 2v4a2 2 0 0 1-2 2h-1" />,
  branch: (<><circle cx="6" cy="18" r="3" /><circle cx="18" cy="6" r="3" /><path d="M6 3v12M18 9a9 9 0 0 1-9 9" /></>),
  split: <path d="M3 12h5l5-7h8M8 12h13M8 12l5 7h8" />,
  hourglass: <path d="M6 2h12M6 22h12M7 2c0 5 5 6 5 10s-5 5-5 10M17 2c0 5-5 6-5 10s5 5 5 10" />,
  bell: <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" />,
  send: <path d="m22 2-7 20-4-9-9-4 20-7zM22 2 11 13" />,
  code: <path d="m16 18 6-6-6-6M8 6l-6 6 6 6" />,
  octagon: <path d="M7.86 2h8.28L22 7.86v8.28L16.14 22H7.86L2 16.14V7.86L7.86 2zM15 9l-6 6M9 9l6 6" />,
  help: (<><circle cx="12" cy="12" r="9" /><path d="M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3M12 17h.01" /></>),
  undo: <path d="M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />,
  redo: <path d="m15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />,
  layout: (<><rect x="3" y="3" width="7" height="5" rx="1" /><rect x="14" y="16" width="7" height="5" rx="1" /><rect x="14" y="3" width="7" height="5" rx="1" /><path d="M10 5.5h4M6.5 8v5.5a2 2 0 0 0 2 2H14" /></>),
  fit: <path d="M8 3H5a2 2 0 0 0-2 2v3M21 8V5a2 2 0 0 0-2-2h-3M3 16v3a2 2 0 0 0 2 2h3M16 21h3a2 2 0 0 0 2-2v-3" />,
  download: <path d="M12 3v12M7 10l5 5 5-5M5 21h14" />,
  upload: <path d="M12 21V9M7 14l5-5 5 5M5 3h14" />,
  history: <path d="M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5M12 7v5l4 2" />,
  plus: <path d="M12 5v14M5 12h14" />,
  trash: <path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6" />,
  copy: (<><rect x="9" y="9" width="12" height="12" rx="2" /><path d="M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1" /></>),
  check: <path d="M20 6 9 17l-5-5" />,
  alert: <path d="M12 9v4M12 17h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />,
  back: <path d="M19 12H5M12 19l-7-7 7-7" />,
  search: (<><circle cx="11" cy="11" r="7" /><path d="m21 21-4.3-4.3" /></>),
  save: <path d="M19 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h11l5 5v11a2 2 0 0 1-2 2zM17 21v-8H7v8M7 3v5h8" />,
  power: <path d="M12 2v10M18.4 6.6a9 9 0 1 1-12.8 0" />,
} satisfies Record<string, ReactElement>;

export type IconName = keyof typeof PATHS;

export function Icon({ name, ...rest }: { name: IconName } & Omit<SVGProps<SVGSVGElement>, 'name'>) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth={2}
      strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" {...rest}>
      {PATHS[name]}
    </svg>
  );
}

const NODE_ICONS: Record<string, IconName | undefined> = {
  'trigger.event': 'zap',
  'trigger.schedule': 'clock',
  'trigger.manual': 'play',
  http: 'globe',
  transform: 'braces',
  condition: 'branch',
  switch: 'split',
  delay: 'hourglass',
  wait_for_event: 'bell',
  emit: 'send',
  code: 'code',
  fail: 'octagon',
};

export function NodeIcon({ type, ...rest }: { type: string } & Omit<SVGProps<SVGSVGElement>, 'name' | 'type'>) {
  return <Icon {...rest} name={NODE_ICONS[type] ?? 'help'} />;
}
