import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The docker CLI, for what a test checks on the engine itself (containers, their networks and ports). */
export async function docker(args: string[]): Promise<string> {
  return (await run('docker', args)).stdout;
}
