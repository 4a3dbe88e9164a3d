import { stat, readFile } from 'node:fs/promises';
import { basename, isAbsolute, join, normalize } from 'node:path';
import type { Deployment } from '../shared/workload-types';
import { deploymentType } from '../shared/resource-types';
import { readBuildLink, type BuildLink } from '../shared/build-link';
import type { ObjectStore } from '../store/object-store';
import { ApiError } from '../store/api-error';
import type { FolderBuild, FolderBuildResult } from '../runtime/docker-build';
import type { BuildEvent } from '../runtime/build-progress';
import { buildKitOnlyLines, syntaxDirectiveNote } from './dockerfile-check';
import type { BuildRequest, BuildStreamEvent } from './build-types';
import { rollOutImage, waitForNewPodsReady } from './roll-out-image';

export interface FolderBuilder {
  buildFolder(
    build: FolderBuild,
    onEvent: (e: BuildEvent) => void,
    signal: AbortSignal,
  ): Promise<FolderBuildResult | undefined>;
}

const invalid = (field: string, message: string) =>
  new ApiError(422, 'Invalid', `${field}: ${message}`, {
    causes: [{ type: 'FieldValueInvalid', field, message }],
  });

/** Builds a folder with the engine and, for a linked Deployment, rolls it out to the new image. */
export class BuildService {
  constructor(
    private readonly builder: FolderBuilder,
    private readonly store: ObjectStore,
  ) {}

  /** The folder build a request names; throws a 422 naming the field when it names none or a wrong one. */
  resolve(request: BuildRequest): { build: FolderBuild; link?: BuildLink; deployment?: Deployment } {
    let link: BuildLink | undefined;
    let deployment: Deployment | undefined;
    if (request.deployment !== undefined) {
      const namespace = request.namespace ?? 'default';
      deployment = this.store.get(deploymentType, namespace, request.deployment) as Deployment;
      const read = readBuildLink(deployment.metadata.annotations);
      if (typeof read === 'string') throw invalid('deployment', read);
      if (!read && !request.context)
        throw invalid(
          'deployment',
          `Deployment "${request.deployment}" has no build link: link it to a folder first (give "context")`,
        );
      link = { ...read!, ...(request.context ? { context: request.context } : {}) };
      if (!deployment.spec.template.spec.containers.some((c) => c.name === link!.container))
        throw invalid(
          'deployment',
          `the linked container "${link.container}" is not in Deployment "${request.deployment}"`,
        );
    }
    const context = link?.context ?? request.context;
    if (typeof context !== 'string' || !isAbsolute(context))
      throw invalid('context', 'give the folder to build as an absolute path');
    const dockerfile = normalize(request.dockerfile ?? link?.dockerfile ?? 'Dockerfile');
    if (dockerfile.startsWith('..') || isAbsolute(dockerfile))
      throw invalid('dockerfile', 'must be a path inside the context folder');
    const repository =
      request.repository ??
      (deployment
        ? `skiff-build/${deployment.metadata.namespace}-${deployment.metadata.name}`
        : `skiff-build/${
            basename(context)
              .toLowerCase()
              .replace(/[^a-z0-9._-]+/g, '-') || 'image'
          }`);
    if (!/^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/.test(repository))
      throw invalid('repository', 'must be a lowercase image repository like skiff-build/web');
    return {
      build: {
        context,
        dockerfile,
        target: request.target ?? link?.target,
        buildArgs: { ...link?.buildArgs, ...request.buildArgs },
        repository,
      },
      link,
      deployment,
    };
  }

  /** Why the engine cannot build this folder, in words, or undefined when it can try. */
  private async preflight(
    build: FolderBuild,
    emit: (e: BuildStreamEvent) => void,
  ): Promise<string | undefined> {
    const folder = await stat(build.context).catch(() => undefined);
    if (!folder?.isDirectory()) return `the build context ${build.context} is not a folder on this machine`;
    const text = await readFile(join(build.context, build.dockerfile), 'utf8').catch(() => undefined);
    if (text === undefined)
      return `no Dockerfile at ${join(build.context, build.dockerfile)}: the engine builds images from a Dockerfile; add one, or name another with "dockerfile"`;
    const problems = buildKitOnlyLines(text);
    if (problems.length) return problems.join('\n');
    const note = syntaxDirectiveNote(text);
    if (note) emit({ type: 'output', text: note });
    return undefined;
  }

  /** Runs one build, streaming its events; a failed build rolls nothing out. */
  async run(
    request: BuildRequest,
    emit: (e: BuildStreamEvent) => void,
    signal: AbortSignal,
  ): Promise<boolean> {
    const { build, link, deployment } = this.resolve(request);
    const refusal = await this.preflight(build, emit);
    if (refusal) {
      emit({ type: 'failed', message: refusal, output: '' });
      emit({ type: 'done', ok: false, message: refusal });
      return false;
    }
    const started = performance.now();
    let result: FolderBuildResult | undefined;
    try {
      result = await this.builder.buildFolder(build, emit, signal);
    } catch (err) {
      const message = `the engine could not build: ${(err as Error).message}`;
      emit({ type: 'failed', message, output: '' });
      emit({ type: 'done', ok: false, message });
      return false;
    }
    if (!result) {
      emit({ type: 'done', ok: false, message: 'the build failed: nothing was rolled out' });
      return false;
    }
    emit({ type: 'image', ...result, seconds: (performance.now() - started) / 1000 });
    if (deployment && link) {
      const namespace = deployment.metadata.namespace!;
      const name = deployment.metadata.name!;
      const updated = await rollOutImage(this.store, namespace, name, link.container, result.reference);
      emit({
        type: 'rolled-out',
        namespace,
        deployment: name,
        image: result.reference,
        revisionHint: updated,
      });
      if (request.waitReady) {
        await waitForNewPodsReady(this.store, namespace, name, signal);
        emit({ type: 'ready', seconds: (performance.now() - started) / 1000 });
      }
    }
    emit({ type: 'done', ok: true });
    return true;
  }
}
