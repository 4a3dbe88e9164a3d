/**
 * The Kubernetes clusters the app can show: the local Skiff and every context of the user's kubeconfig files.
 * The renderer reaches a context's API through Skiff's own origin, at `clusterApiBase(id)`; the main process
 * holds the context's credentials and forwards the request.
 */
export interface ClusterContext {
  /** [a-z0-9-]+, URL-safe, stable for a context (its name, slugged; `local` is the local Skiff). */
  id: string;
  /** The context's name in its kubeconfig. */
  name: string;
  cluster: string;
  /** The cluster's API server URL. */
  server: string;
  user: string;
  namespace?: string;
  /** The kubeconfig file the context comes from, or 'skiff' for the local Skiff. */
  source: string;
  local: boolean;
  /** What the user should know before trusting it, e.g. that its server's certificate is not verified. */
  warnings: string[];
}

export interface ClusterContextList {
  items: ClusterContext[];
  /** Kubeconfig files that are there but could not be read (or added files that are gone), with why. */
  problems?: Array<{ path: string; message: string }>;
}

/** What a context's cluster can do, as far as Skiff could find out (GET …/clustercontexts/{id}/status). */
export interface ClusterContextStatus {
  id: string;
  reachable: boolean;
  /** `/version`'s gitVersion, e.g. v1.32.0. */
  serverVersion?: string;
  /** Whether `metrics.k8s.io` is served (metrics-server installed). */
  metrics: boolean;
  /** Why the cluster could not be reached: the credential plugin's, the server's or the network's own words. */
  error?: string;
  /** The HTTP status of the failure (401 credential refused, 502 credential plugin failed, 503 unreachable). */
  code?: number;
}

export interface KubeconfigFileList {
  /** Files added through the API, in the order they were added (after $KUBECONFIG or ~/.kube/config). */
  items: Array<{ path: string }>;
}

export const LOCAL_CLUSTER_ID = 'local';
export const CLUSTER_CONTEXTS_PATH = '/apis/ui.skiff.io/v1/clustercontexts';
export const KUBECONFIG_FILES_PATH = '/apis/ui.skiff.io/v1/kubeconfigfiles';
export const CLUSTER_PROXY_PREFIX = '/clusters/';

/** Where a context's Kubernetes API is on Skiff's origin: `${clusterApiBase(id)}/api/v1/pods`. */
export function clusterApiBase(id: string): string {
  return `${CLUSTER_PROXY_PREFIX}${id}`;
}

export function clusterStatusPath(id: string): string {
  return `${CLUSTER_CONTEXTS_PATH}/${id}/status`;
}

export const CLUSTER_ID_PATTERN = /^[a-z0-9-]+$/;
