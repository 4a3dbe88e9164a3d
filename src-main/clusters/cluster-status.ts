import type { ClusterContextStatus } from '../shared/cluster-contexts';
import { ApiError } from '../store/api-error';
import { openRemoteRequest } from './open-remote-request';
import type { RemoteCluster } from './remote-cluster';
import { connectionError } from './remote-errors';

const READ_TIMEOUT_MS = 15_000;

interface Answer {
  code: number;
  body: string;
}

/** GET one path of the remote API, the whole body (small documents only: /version, discovery). */
export async function remoteGet(
  remote: RemoteCluster,
  path: string,
  connectTimeoutMs?: number,
): Promise<Answer> {
  const target = await remote.target();
  return new Promise<Answer>((resolve, reject) => {
    const req = openRemoteRequest(target, 'GET', path, { accept: 'application/json' }, connectTimeoutMs);
    const timer = setTimeout(
      () =>
        req.destroy(
          Object.assign(new Error(`no answer to GET ${path} within ${READ_TIMEOUT_MS / 1000} s`), {
            code: 'ETIMEDOUT',
          }),
        ),
      READ_TIMEOUT_MS,
    );
    req.once('error', (err) => {
      clearTimeout(timer);
      reject(connectionError(remote.info.server, err));
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => {
        clearTimeout(timer);
        resolve({ code: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.once('error', (err) => {
        clearTimeout(timer);
        reject(connectionError(remote.info.server, err));
      });
    });
    req.end();
  });
}

/** The message of a Kubernetes Status body, or the body itself, or the HTTP code. */
function failureMessage(answer: Answer): string {
  try {
    const status = JSON.parse(answer.body) as { message?: unknown };
    if (typeof status.message === 'string' && status.message) return status.message;
  } catch {
    // not JSON: say what came
  }
  return answer.body.trim().slice(0, 300) || `HTTP ${answer.code}`;
}

/** What a context's cluster can do: reachable (with whose words when not), its version, metrics-server. */
export async function clusterStatus(
  remote: RemoteCluster,
  connectTimeoutMs?: number,
): Promise<ClusterContextStatus> {
  const id = remote.info.id;
  try {
    const version = await remoteGet(remote, '/version', connectTimeoutMs);
    if (version.code !== 200)
      return { id, reachable: false, metrics: false, code: version.code, error: failureMessage(version) };
    const gitVersion = (JSON.parse(version.body) as { gitVersion?: string }).gitVersion;
    const groups = await remoteGet(remote, '/apis', connectTimeoutMs);
    const metrics =
      groups.code === 200 &&
      ((JSON.parse(groups.body) as { groups?: Array<{ name?: string }> }).groups ?? []).some(
        (g) => g.name === 'metrics.k8s.io',
      );
    return { id, reachable: true, ...(gitVersion ? { serverVersion: gitVersion } : {}), metrics };
  } catch (err) {
    if (err instanceof ApiError)
      return { id, reachable: false, metrics: false, code: err.code, error: err.message };
    return {
      id,
      reachable: false,
      metrics: false,
      code: 502,
      error: err instanceof Error ? err.message : String(err),
    };
  }
}
