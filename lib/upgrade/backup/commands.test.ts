import { describe, expect, it } from 'vitest';
import { dumpCommand, mysqlPodSelector, restoreCommand } from './commands';

describe('the commands run in the MySQL container', () => {
  it('dumps the pod’s own database with the password from the pod’s environment', () => {
    const [sh, flag, script] = dumpCommand();
    expect([sh, flag]).toEqual(['sh', '-c']);
    expect(script).toBe(
      'MYSQL_PWD="$MYSQL_ROOT_PASSWORD" exec mysqldump --user=root --single-transaction --quick --routines --triggers --events --hex-blob --default-character-set=utf8mb4 --add-drop-database --databases "$MYSQL_DATABASE"',
    );
  });

  it.each([
    [1, 'head -c 1 | MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysql'],
    [123456789, 'head -c 123456789 | MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysql'],
  ])('restores exactly %d bytes from stdin', (n, start) => {
    const [sh, flag, script] = restoreCommand(n);
    expect([sh, flag]).toEqual(['sh', '-c']);
    expect(script).toBe(`${start} --user=root --default-character-set=utf8mb4 --binary-mode`);
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 53])('refuses a size of %s bytes', (n) => {
    expect(() => restoreCommand(n)).toThrow(RangeError);
    expect(() => restoreCommand(n)).toThrow(
      `the dump's size must be a positive whole number of bytes (${n})`,
    );
  });

  it('selects the pod by the charts’ selector labels', () => {
    expect(mysqlPodSelector('lr')).toBe(
      'app.kubernetes.io/name=lightrun,app.kubernetes.io/instance=lr,app.kubernetes.io/component=mysql',
    );
  });
});
