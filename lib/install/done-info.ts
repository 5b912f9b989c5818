/** What the success panel shows: the endpoint and the first login (PURE). */
import type { Answers } from '../answers';

/** The backend Secret's name: the admin's existing one, else the chart's `<release>-backend`. */
export function backendSecretName(answers: Answers, release: string): string {
  const s = answers.secrets as { mode: string; backend?: string };
  return s.mode === 'existing' && s.backend ? s.backend : `${release}-backend`;
}

/** Endpoint URL and first login, with the exact command that reads the first-login password. */
export function doneInfo(
  answers: Answers,
  release: string,
  namespace: string,
): { endpoint: string; login: { user: string; passwordCommand: string } } {
  const endpoint = (answers.general as { endpoint: string }).endpoint;
  return {
    endpoint: `https://${endpoint}`,
    login: {
      user: 'administrator@localhost.com',
      passwordCommand: `kubectl get secret ${backendSecretName(answers, release)} -n ${namespace} -o jsonpath='{.data.SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD}' | base64 -d`,
    },
  };
}
