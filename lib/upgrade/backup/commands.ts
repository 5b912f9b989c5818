// The commands the backup and the restore run inside the release's MySQL container (PURE), and
// how the pod is found (docs/upgrade.md, "Backup and restore of the database").
//
// The password never leaves the pod: each command reads it from the container's own environment
// (MYSQL_ROOT_PASSWORD, set by both charts from the Keycloak/DB Secret) through MYSQL_PWD, so the
// exec request, the logs and the errors carry only the variable's name (docs/security.md).

/** What both charts (chart/ and chart-3.50/ templates/mysql.yaml) give the in-chart MySQL. */
export const MYSQL_CONTAINER = 'mysql';

/** The MySQL pod's selector labels, the same in chart 3.9.4 and 3.50 (`lightrun.selectorLabels`). */
export function mysqlPodSelector(release: string): string {
  return [
    'app.kubernetes.io/name=lightrun',
    `app.kubernetes.io/instance=${release}`,
    'app.kubernetes.io/component=mysql',
  ].join(',');
}

/**
 * mysqldump of the Lightrun database (MYSQL_DATABASE, the pod's own) in one consistent snapshot
 * (`--single-transaction`, InnoDB), with routines, triggers and events; `--databases` with
 * `--add-drop-database` makes the restore put the database back exactly as it was, tables the
 * upgrade added included.
 */
export function dumpCommand(): string[] {
  const dump = [
    'exec mysqldump',
    '--user=root',
    '--single-transaction',
    '--quick',
    '--routines',
    '--triggers',
    '--events',
    '--hex-blob',
    '--default-character-set=utf8mb4',
    '--add-drop-database',
    '--databases "$MYSQL_DATABASE"',
  ].join(' ');
  return ['sh', '-c', `MYSQL_PWD="$MYSQL_ROOT_PASSWORD" ${dump}`];
}

/**
 * mysql reading the dump from stdin. It reads exactly `sqlBytes` bytes (`head -c`): the command
 * then ends whether or not the exec's stdin is ever closed (a kubelet closes it; the local
 * cluster's kwok does not, docs/development.md).
 */
export function restoreCommand(sqlBytes: number): string[] {
  if (!Number.isSafeInteger(sqlBytes) || sqlBytes <= 0)
    throw new RangeError(`the dump's size must be a positive whole number of bytes (${sqlBytes})`);
  const mysql = 'mysql --user=root --default-character-set=utf8mb4 --binary-mode';
  return ['sh', '-c', `head -c ${sqlBytes} | MYSQL_PWD="$MYSQL_ROOT_PASSWORD" ${mysql}`];
}
