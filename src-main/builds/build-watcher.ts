import { watch, type FSWatcher } from 'node:fs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Disposable } from '../shared/disposable';
import { readBuildLink, type BuildLink } from '../shared/build-link';
import { deploymentType } from '../shared/resource-types';
import type { Deployment } from '../shared/workload-types';
import type { EventRecorder } from '../machinery/event-recorder';
import type { ObjectStore } from '../store/object-store';
import { isIgnored, parseDockerignore } from '../runtime/dockerignore';
import type { BuildService } from './build-service';
import type { BuildStreamEvent } from './build-types';

const DEBOUNCE_MS = 300;

interface Watched {
  linkText: string;
  watcher: FSWatcher;
  timer?: NodeJS.Timeout;
  /** When the first change of the pending batch was seen: "save". */
  savedAt?: number;
  running?: AbortController;
  again: boolean;
}

/**
 * Watch mode: every Deployment whose build link says `watch: true` gets a recursive watch on its folder; a change
 * (not one .dockerignore leaves out) starts a build 300 ms after the last change, which rolls the Deployment out;
 * the time from the save to the new pods being Ready goes into an Event on the Deployment. A change during a build
 * queues one more build after it.
 */
export class BuildWatcher implements Disposable {
  private readonly watched = new Map<string, Watched>();
  private readonly subscription: Disposable;
  readonly listeners = new Set<(key: string, event: BuildStreamEvent) => void>();

  constructor(
    private readonly store: ObjectStore,
    private readonly builds: BuildService,
    private readonly recorder: EventRecorder,
  ) {
    this.subscription = store.subscribe((event, type) => {
      if (type === deploymentType)
        this.sync(event.key, event.type === 'DELETED' ? undefined : (event.object as Deployment));
    });
    for (const d of store.list(deploymentType).items as Deployment[])
      this.sync(`${d.metadata.namespace}/${d.metadata.name}`, d);
  }

  private sync(key: string, deployment: Deployment | undefined): void {
    const link = deployment && readBuildLink(deployment.metadata.annotations);
    const linkText = deployment?.metadata.annotations?.['build.skiff.io/link'] ?? '';
    const current = this.watched.get(key);
    if (current && current.linkText === linkText) return;
    if (current) this.stop(key);
    if (!deployment || !link || typeof link === 'string' || !link.watch) return;
    this.start(key, deployment, link, linkText);
  }

  private start(key: string, deployment: Deployment, link: BuildLink, linkText: string): void {
    let rules = parseDockerignore('');
    try {
      rules = parseDockerignore(readFileSync(join(link.context, '.dockerignore'), 'utf8'));
    } catch {
      // no .dockerignore: every file counts
    }
    let watcher: FSWatcher;
    try {
      watcher = watch(link.context, { recursive: true });
    } catch (err) {
      void this.recorder.record(
        deployment,
        'Warning',
        'BuildWatchFailed',
        `cannot watch ${link.context}: ${(err as Error).message}`,
      );
      return;
    }
    const entry: Watched = { linkText, watcher, again: false };
    watcher.on('change', (_kind, file) => {
      if (file && isIgnored(rules, String(file).split('\\').join('/'))) return;
      entry.savedAt ??= performance.now();
      clearTimeout(entry.timer);
      entry.timer = setTimeout(() => void this.rebuild(key, entry), DEBOUNCE_MS);
    });
    watcher.on('error', () => this.stop(key));
    this.watched.set(key, entry);
  }

  private async rebuild(key: string, entry: Watched): Promise<void> {
    if (entry.running) {
      entry.again = true;
      return;
    }
    const savedAt = entry.savedAt ?? performance.now();
    entry.savedAt = undefined;
    const [namespace, name] = key.split('/') as [string, string];
    const deployment = this.store.tryGet(deploymentType, namespace, name) as Deployment | undefined;
    if (!deployment) return;
    entry.running = new AbortController();
    let image = '';
    let failure = '';
    let ready = false;
    try {
      await this.builds.run(
        { namespace, deployment: name, waitReady: true },
        (event) => {
          if (event.type === 'image') image = event.reference;
          if (event.type === 'failed')
            failure = `${event.step ? `step ${event.step} (${event.instruction}): ` : ''}${event.message}`;
          if (event.type === 'ready') ready = true;
          for (const listener of this.listeners) listener(key, event);
        },
        entry.running.signal,
      );
    } catch (err) {
      failure = (err as Error).message;
    } finally {
      entry.running = undefined;
    }
    const seconds = ((performance.now() - savedAt) / 1000).toFixed(1);
    if (failure)
      void this.recorder.record(
        deployment,
        'Warning',
        'BuildFailed',
        `watch: the build failed, nothing rolled out: ${failure.slice(0, 500)}`,
      );
    else if (ready)
      void this.recorder.record(
        deployment,
        'Normal',
        'BuiltAndReady',
        `watch: built ${image}; save → new pods Ready in ${seconds} s`,
      );
    if (entry.again && this.watched.get(key) === entry) {
      entry.again = false;
      await this.rebuild(key, entry);
    }
  }

  private stop(key: string): void {
    const entry = this.watched.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.running?.abort();
    entry.watcher.close();
    this.watched.delete(key);
  }

  dispose(): void {
    this.subscription.dispose();
    for (const key of [...this.watched.keys()]) this.stop(key);
    this.listeners.clear();
  }
}
