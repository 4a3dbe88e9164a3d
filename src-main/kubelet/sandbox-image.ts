import type { DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import { tarArchive } from '../runtime/tar-archive';
import { PAUSE_IMAGE } from './container-spec';
import { pauseProgram, renameProgram } from '../runtime/sandbox-programs';

/** Builds Skiff's sandbox image (FROM scratch + the pause and rename programs) through the engine, once; no registry needed. */
export async function ensureSandboxImage(runtime: DockerRuntime, engineArch: string): Promise<void> {
  if (await runtime.imageId(PAUSE_IMAGE)) return;
  const context = tarArchive([
    {
      name: 'Dockerfile',
      content: Buffer.from('FROM scratch\nCOPY pause rename /\nENTRYPOINT ["/pause"]\n'),
    },
    { name: 'pause', content: pauseProgram(engineArch), mode: 0o755 },
    { name: 'rename', content: renameProgram(engineArch), mode: 0o755 },
  ]);
  await runtime.buildImage(PAUSE_IMAGE, context, { [LABEL.managed]: 'true' });
}
