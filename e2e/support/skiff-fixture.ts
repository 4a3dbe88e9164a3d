import { afterAll, beforeAll } from 'vitest';
import { makeNamespace } from './pods';
import { api, makeDataDir, removeDataDir, startSkiff, type SkiffProcess } from './skiff-process';

export interface SkiffFixture {
  skiff: SkiffProcess;
  dir: string;
  /** A namespace made for this file (when a prefix was given); deleted, with its pods, afterwards. */
  ns: string;
}

/** One `skiff serve` on a fresh data dir for the enclosing describe block, stopped and removed after it. */
export function useSkiffServer(
  namespacePrefix?: string,
  env: Record<string, string> = {},
  args: string[] = [],
): SkiffFixture {
  const fixture = { ns: '' } as SkiffFixture;
  beforeAll(async () => {
    fixture.dir = await makeDataDir();
    fixture.skiff = await startSkiff(fixture.dir, args, env);
    if (namespacePrefix) fixture.ns = await makeNamespace(fixture.skiff, namespacePrefix);
  });
  afterAll(async () => {
    if (fixture.ns) {
      await api(fixture.skiff, `/api/v1/namespaces/${fixture.ns}`, { method: 'DELETE' });
      const deadline = Date.now() + 30_000;
      while (
        Date.now() < deadline &&
        (await api(fixture.skiff, `/api/v1/namespaces/${fixture.ns}`)).status !== 404
      ) {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    await fixture.skiff.stop();
    await removeDataDir(fixture.dir);
  });
  return fixture;
}
