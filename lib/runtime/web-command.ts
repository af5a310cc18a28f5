import path from 'node:path';

/** The node arguments that start the web role (scripts/serve-web.ts) on `port`. */
export function webServerArgs(root: string, port: number, hostname?: string): string[] {
  return ['--import', 'tsx', path.join(root, 'scripts', 'serve-web.ts'), '--port', String(port), ...(hostname ? ['--hostname', hostname] : [])];
}
