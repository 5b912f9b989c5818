/**
 * Which value paths hold secrets (docs/chart-3.9.4.md §13.4, the secret register): everything
 * under `secrets` except Secret *names*, and the server certificate pair (the key is secret; the
 * certificate travels with it so the pair stays together).
 */
export function isSecretPath(path: readonly string[]): boolean {
  if (path[0] === 'certificate')
    return path[1] === 'tls' && (path[2] === 'key' || path[2] === 'crt');
  if (path[0] !== 'secrets') return false;
  return !(
    path[1] === 'defaults' &&
    path[2] === 'dockerhub_config' &&
    path[3] === 'existingSecret'
  );
}
