/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // client-node and child processes must stay on the Node server, never bundled for the edge.
  serverExternalPackages: ['@kubernetes/client-node'],
};

module.exports = nextConfig;
