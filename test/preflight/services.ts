import { readFileSync } from 'node:fs';

/** Where the test services run (scripts/lib/services.mjs writes it; npm test passes its path). */
export type ServicesInfo = {
  mariadb: Record<
    'good' | 'caseSensitive' | 'tlsRequired' | 'mysql843',
    {
      host: string;
      lowerCaseTableNames: number;
      tls: boolean;
      /** Set at start (scripts/lib/services.mjs); absent: MariaDB's default. */
      maxConnections?: number;
      /** The version string the server reports, set at start; absent: its own (10.x-MariaDB…). */
      version?: string;
      characterSet?: string;
    }
  >;
  db: {
    name: string;
    user: string;
    password: string;
    noCreateUser: string;
    noCreatePassword: string;
    rootPassword: string;
  };
  mq: {
    host: string;
    port: number;
    user: string;
    password: string;
    otherVhost: string;
    otherUser: string;
    otherPassword: string;
  };
  nothingHost: string;
};

/** Fails (never skips) when the services are not running: a missing set-up must turn the suite red. */
export function servicesInfo(): ServicesInfo {
  const file = process.env.LW_SERVICES_FILE;
  if (!file)
    throw new Error(
      'LW_SERVICES_FILE is not set: run these tests through `npm test -- --only services` (it starts MariaDB and RabbitMQ).',
    );
  return JSON.parse(readFileSync(file, 'utf8')) as ServicesInfo;
}
