import { createHash } from 'node:crypto';
import { Agent as HttpAgent, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, type RequestOptions } from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import type { ClusterContext } from '../shared/cluster-contexts';
import { credentialError } from './remote-errors';

/** Where and how to send one request to a context's API server. */
export interface RemoteTarget {
  /** The server URL (a path prefix in it, e.g. Rancher's /k8s/clusters/c-1, is kept). */
  server: URL;
  /** TLS material, agent and the credential's headers (Authorization, Impersonate-User). */
  options: RequestOptions;
}

/**
 * One kubeconfig context, authenticated as kubectl would: `@kubernetes/client-node`'s KubeConfig turns the
 * context into TLS options and headers (client certificates, tokens, token files, exec plugins whose
 * ExecCredential it caches until its expirationTimestamp, proxy-url, insecure-skip-tls-verify). The agents
 * keep connections alive between requests; one per set of TLS material, so a rotated client certificate from
 * an exec plugin gets a fresh connection.
 */
export class RemoteCluster {
  private readonly agents = new Map<string, HttpAgent>();

  constructor(
    readonly info: ClusterContext,
    private readonly config: KubeConfig,
  ) {}

  async target(): Promise<RemoteTarget> {
    const cluster = this.config.getCurrentCluster();
    if (!cluster)
      throw credentialError(
        502,
        `context "${this.info.name}" names cluster "${this.info.cluster}", which no kubeconfig file defines`,
      );
    let server: URL;
    try {
      server = new URL(cluster.server);
    } catch {
      throw credentialError(
        502,
        `cluster "${cluster.name}" has no valid server URL: ${JSON.stringify(cluster.server)}`,
      );
    }
    const options: RequestOptions = { headers: {} };
    try {
      await this.config.applyToHTTPSOptions(options);
    } catch (err) {
      throw credentialError(401, `getting credentials for context "${this.info.name}": ${messageOf(err)}`);
    }
    options.agent = this.agentFor(options, cluster.proxyUrl !== undefined);
    return { server, options };
  }

  /** Closes idle kept-alive connections (the context was removed or its file changed). */
  dispose(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private agentFor(options: RequestOptions, proxied: boolean): HttpAgent {
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          options.ca,
          options.cert,
          options.key,
          options.rejectUnauthorized,
          options.servername,
          options.pfx,
        ]),
      )
      .digest('hex');
    const kept = this.agents.get(key);
    if (kept) return kept;
    const given = options.agent;
    // A proxy-url's agent (http, https or socks) comes from client-node as it is; a direct one keeps alive.
    const agent =
      proxied && given instanceof HttpAgent
        ? given
        : this.info.server.startsWith('http:')
          ? new HttpAgent({ keepAlive: true })
          : new HttpsAgent({
              keepAlive: true,
              ca: options.ca,
              cert: options.cert,
              key: options.key,
              pfx: options.pfx,
              passphrase: options.passphrase,
              servername: options.servername,
              ...(options.rejectUnauthorized !== undefined
                ? { rejectUnauthorized: options.rejectUnauthorized }
                : {}),
            });
    this.agents.set(key, agent);
    return agent;
  }
}

export function messageOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.trim() || 'failed without a message';
}

export type { OutgoingHttpHeaders };
