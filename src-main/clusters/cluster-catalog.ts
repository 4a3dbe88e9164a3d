import { KubeConfig } from '@kubernetes/client-node';
import type { ClusterContext } from '../shared/cluster-contexts';
import { kubeconfigPaths } from './kubeconfig-paths';
import { describeContexts, mergeKubeconfigs, type KubeconfigFile } from './merge-kubeconfigs';
import { fileStamp, readKubeconfigFile } from './read-kubeconfig-file';
import { messageOf, RemoteCluster } from './remote-cluster';

export interface CatalogSources {
  /** `$KUBECONFIG` as the process got it. */
  kubeconfigEnv: string | undefined;
  home: string;
  /** Files added in the app. */
  added: () => Promise<string[]>;
  /** This Skiff's API URL: contexts pointing here are the local cluster. */
  localServer: () => string;
}

export interface FileProblem {
  path: string;
  message: string;
}

interface Loaded {
  paths: string[];
  stamps: Map<string, string>;
  contexts: ClusterContext[];
  remotes: Map<string, RemoteCluster>;
  problems: FileProblem[];
}

/** How long a proxied request trusts the last look at the files (each look is one stat per file). */
const RECHECK_MS = 2000;

/**
 * The contexts of every kubeconfig file, re-read when a file (or a token file) changes. Each context keeps one
 * RemoteCluster — its KubeConfig, so an exec plugin's credential is cached across requests — until then.
 */
export class ClusterCatalog {
  private loaded: Loaded | undefined;
  private checkedAt = 0;
  private checking: Promise<Loaded> | undefined;

  constructor(private readonly sources: CatalogSources) {}

  async list(): Promise<{ contexts: ClusterContext[]; problems: FileProblem[] }> {
    const loaded = await this.current(0);
    return { contexts: loaded.contexts, problems: loaded.problems };
  }

  /** The context's cluster; a name not known re-reads the files once before giving up. */
  async remote(id: string): Promise<RemoteCluster | undefined> {
    const loaded = await this.current(RECHECK_MS);
    return loaded.remotes.get(id) ?? (await this.current(0)).remotes.get(id);
  }

  dispose(): void {
    for (const remote of this.loaded?.remotes.values() ?? []) remote.dispose();
    this.loaded = undefined;
  }

  private async current(maxAgeMs: number): Promise<Loaded> {
    if (this.loaded && Date.now() - this.checkedAt < maxAgeMs) return this.loaded;
    this.checking ??= this.check().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async check(): Promise<Loaded> {
    const paths = kubeconfigPaths(this.sources.kubeconfigEnv, this.sources.home, await this.sources.added());
    const previous = this.loaded;
    if (previous && previous.paths.join('\0') === paths.join('\0') && (await unchanged(previous.stamps))) {
      this.checkedAt = Date.now();
      return previous;
    }
    const next = await this.load(paths);
    for (const remote of previous?.remotes.values() ?? []) remote.dispose();
    this.loaded = next;
    this.checkedAt = Date.now();
    return next;
  }

  private async load(paths: string[]): Promise<Loaded> {
    const stamps = new Map<string, string>();
    const files: KubeconfigFile[] = [];
    const problems: FileProblem[] = [];
    const added = new Set(await this.sources.added());
    for (const path of paths) {
      stamps.set(path, await fileStamp(path));
      try {
        const file = await readKubeconfigFile(path);
        for (const tokenFile of file.tokenFiles) stamps.set(tokenFile, await fileStamp(tokenFile));
        files.push(file);
      } catch (err) {
        // kubectl skips a listed file that does not exist; one that is there but broken is worth saying
        const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
        if (!missing || added.has(path)) problems.push({ path, message: messageOf(err) });
      }
    }
    const merged = mergeKubeconfigs(files);
    const contexts = describeContexts(merged, this.sources.localServer());
    const remotes = new Map<string, RemoteCluster>();
    for (const info of contexts) {
      const config = new KubeConfig();
      config.loadFromOptions({
        clusters: merged.clusters,
        users: merged.users,
        contexts: merged.contexts.map((c) => c.context),
        currentContext: info.name,
      });
      remotes.set(info.id, new RemoteCluster(info, config));
    }
    return { paths, stamps, contexts, remotes, problems };
  }
}

async function unchanged(stamps: Map<string, string>): Promise<boolean> {
  for (const [path, stamp] of stamps) if ((await fileStamp(path)) !== stamp) return false;
  return true;
}
