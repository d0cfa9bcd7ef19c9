import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'maxmind', 'drizzle-orm', 'iso3166-2-db'],
  poweredByHeader: false,
  typescript: { tsconfigPath: 'tsconfig.json' },
};

export default nextConfig;
