/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // client-node and child processes must stay on the Node server, never bundled for the edge.
  serverExternalPackages: ['@kubernetes/client-node'],
  // Next buffers request bodies for proxy.ts up to this size; scripts/server.mjs refuses larger
  // bodies before Next reads them (2 MiB is the largest route limit), this caps plain next start.
  experimental: { proxyClientMaxBodySize: '2mb' },
};

module.exports = nextConfig;
