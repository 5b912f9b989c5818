// PURE: turns a failed request to the API server into words and a fix. The input is whatever
// client-node's fetch (undici: `TypeError: fetch failed` with the socket error as its cause) / Node's
// TLS / the generated client threw; only its code, status and name are read
// (never its body or message text, which may quote a response or a credential).

export interface ProbeFailure {
  message: string;
  fix: string;
}

interface ErrorLike {
  name?: string;
  code?: string | number;
  type?: string;
  errno?: string | number;
  cause?: unknown;
}

const TLS_CODES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'is signed by an untrusted self-signed CA',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "cannot be verified against the kubeconfig's CA",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'was issued by a CA the kubeconfig does not hold',
  CERT_HAS_EXPIRED: 'has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'does not name this server address',
};

function codeOf(e: ErrorLike): string | undefined {
  const inner = e.cause && typeof e.cause === 'object' ? (e.cause as ErrorLike) : undefined;
  const c = e.code ?? e.errno ?? inner?.code;
  return c === undefined ? undefined : String(c);
}

/** HTTP status of a generated-client ApiException (`code` is a number there). */
function statusOf(e: ErrorLike): number | undefined {
  return typeof e.code === 'number' && e.code >= 100 && e.code < 600 ? e.code : undefined;
}

/** Describes why the API server at `server` did not answer, for the admin. */
export function describeProbeError(
  err: unknown,
  server: string,
  context: string,
  timeoutMs: number,
): ProbeFailure {
  const e = (err && typeof err === 'object' ? err : {}) as ErrorLike;
  const check = `Check it with \`kubectl --context ${context} cluster-info\`.`;
  const status = statusOf(e);
  if (status === 401)
    return {
      message: `The API server at ${server} rejected the credentials of context "${context}" (401 Unauthorized).`,
      fix: `The token or client certificate has expired or is wrong: get a fresh kubeconfig from your cluster provider. ${check}`,
    };
  if (status === 403)
    return {
      message: `The API server at ${server} refused context "${context}" (403 Forbidden).`,
      fix: "Ask your cluster admin for read access (the wizard needs at least get on /version and the namespace's objects).",
    };
  if (status !== undefined)
    return {
      message: `The API server at ${server} answered HTTP ${status}.`,
      fix: `Is ${server} a Kubernetes API server? ${check}`,
    };
  if (e.name === 'AbortError' || e.type === 'aborted' || e.name === 'TimeoutError') {
    return {
      message: `The API server at ${server} did not answer within ${Math.round(timeoutMs / 100) / 10} s.`,
      fix: `Check the address, VPN and firewall between this machine and the cluster. ${check}`,
    };
  }
  const code = codeOf(e);
  switch (code) {
    case 'ECONNREFUSED':
      return {
        message: `Nothing is listening at ${server} (connection refused).`,
        fix: `Is the cluster running and is the server address in the kubeconfig right? ${check}`,
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        message: `The host name of ${server} cannot be resolved (DNS).`,
        fix: `Check the server address in the kubeconfig and this machine's DNS or VPN. ${check}`,
      };
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return {
        message: `The API server at ${server} cannot be reached (${code}).`,
        fix: `Check the network route, VPN and firewall to the cluster. ${check}`,
      };
    case 'ECONNRESET':
    case 'EPIPE':
      return {
        message: `The connection to ${server} was closed by the other side (${code}).`,
        fix: `A proxy or firewall may be cutting the connection, or the server is not an API server. ${check}`,
      };
  }
  if (code && TLS_CODES[code])
    return {
      message: `The certificate of ${server} ${TLS_CODES[code]} (${code}).`,
      fix: 'Use the kubeconfig your cluster provider gives (its certificate-authority-data must match the server); never switch off TLS verification for a cluster holding production secrets.',
    };
  return {
    message: `The API server at ${server} could not be reached${code ? ` (${code})` : ''}.`,
    fix: check,
  };
}

/** What failed while preparing a request's credentials (before any network traffic). */
export interface CredentialFailureInput {
  err: unknown;
  timedOut: boolean;
  context: string;
  user: string;
  /** The exec plugin's command, when the user has one. */
  command?: string;
  timeoutMs: number;
}

/** Describes a failure of the kubeconfig's credentials step: an exec plugin, or a file it names. */
export function describeCredentialError(x: CredentialFailureInput): ProbeFailure {
  const e = (x.err && typeof x.err === 'object' ? x.err : {}) as ErrorLike & {
    path?: string;
    syscall?: string;
  };
  const see = `Run \`kubectl --context ${x.context} get --raw /version\` in a terminal to see its own message.`;
  const cmd = x.command ? `\`${x.command.split(/[\\/]/).pop()}\`` : undefined;
  if (cmd && x.timedOut)
    return {
      message: `The credential plugin ${cmd} of user "${x.user}" did not finish within ${Math.round(x.timeoutMs / 100) / 10} s.`,
      fix: `It may be waiting for a login. ${see} Complete the login there, then retry.`,
    };
  if (cmd && e.code === 'ENOENT' && String(e.syscall ?? '').startsWith('spawn'))
    return {
      message: `The credential plugin ${cmd} of user "${x.user}" is not installed on this machine (not found on PATH).`,
      fix: "Install the command the kubeconfig's exec section names, or use a kubeconfig with a token or client certificate.",
    };
  if (e.code === 'ENOENT' && e.path)
    return {
      message: `The file ${e.path}, named by the kubeconfig for context "${x.context}", does not exist.`,
      fix: 'Fix the certificate or key path in the kubeconfig (relative paths are relative to the kubeconfig file).',
    };
  if (cmd) return { message: `The credential plugin ${cmd} of user "${x.user}" failed.`, fix: see };
  return {
    message: `The credentials of context "${x.context}" could not be prepared${e.code ? ` (${String(e.code)})` : ''}.`,
    fix: see,
  };
}
