/** The GitOps export's options and result (docs/gitops.md). PURE. */

export type GitopsController = 'argocd' | 'flux';
export type ValuesSource = 'inline' | 'repo';
export type SecretsDelivery = 'secret-manifest' | 'external-secrets' | 'sops';

/** The External Secrets Operator store the admin names, and the prefix of every key in it. */
export type ExternalStore = {
  name: string;
  kind: 'SecretStore' | 'ClusterSecretStore';
  keyPrefix: string;
};

export type ExportOptions = {
  for: GitopsController;
  /** Argo CD only: values in the Application (inline) or in values.yaml beside it (repo). */
  values?: ValuesSource;
  secrets: SecretsDelivery;
  externalStore?: ExternalStore;
  /** Argo CD, values from the repository: the git repository the export is committed to. */
  repoUrl?: string;
  /** The export's directory inside that repository ('.' when not given). */
  path?: string;
};

/** One file of the export; `secret` files hold secret values (or are meant to) and stay out of git. */
export type ExportFile = { path: string; content: string; secret: boolean };

export type ExportResult = { files: ExportFile[]; refusals: Problem[] };

/** A refused answer or option: the field (answers path or CLI flag) and what to do. Never a value. */
export type Problem = { path: string; message: string };
