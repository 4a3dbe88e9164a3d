import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './skiff-process';

const run = promisify(execFile);

const answers = () =>
  run('docker', ['info'], { timeout: 5000 }).then(
    () => true,
    () => false,
  );

/**
 * Restarts the Docker daemon the test script started (or systemd's docker.service), as a crash-and-restart of
 * the engine would, then waits until it answers again. Every container of every test stops with it, which is
 * why only suites that run alone (integration files run one at a time) may call this.
 */
export async function restartEngine(): Promise<void> {
  const systemd = await run('systemctl', ['is-active', 'docker']).then(
    (r) => r.stdout.trim() === 'active',
    () => false,
  );
  if (systemd) {
    await run('systemctl', ['restart', 'docker']);
  } else {
    const pid = (await run('pidof', ['dockerd'])).stdout.trim().split(/\s+/)[0];
    if (!pid) throw new Error('no dockerd runs here to restart');
    process.kill(Number(pid), 'SIGTERM');
    for (let i = 0; i < 300 && (await answers()); i++) await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 300; i++) {
      try {
        process.kill(Number(pid), 0);
        await new Promise((r) => setTimeout(r, 100));
      } catch {
        break;
      }
    }
    await run('bash', [join(REPO_ROOT, 'scripts', 'ensure-docker.sh')], { timeout: 120_000 });
  }
  for (let i = 0; i < 600 && !(await answers()); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await answers())) throw new Error('the Docker daemon did not answer again after its restart');
}
