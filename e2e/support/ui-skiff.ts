import { test } from '@playwright/test';
import { api, makeDataDir, removeDataDir, startSkiff, type SkiffProcess } from './skiff-process';

/**
 * One `skiff serve` on a fresh data dir for a UI spec file, with a namespace of its own. Afterwards the
 * namespace goes (and with it pods, Services and claims, whose volumes follow), then Skiff and the data dir.
 */
export function useUiSkiff(namespace: string, args: string[] = []): { skiff: SkiffProcess } {
  const fixture = {} as { skiff: SkiffProcess; dir: string };
  test.beforeAll(async () => {
    fixture.dir = await makeDataDir();
    fixture.skiff = await startSkiff(fixture.dir, args);
    await api(fixture.skiff, '/api/v1/namespaces', {
      method: 'POST',
      body: { metadata: { name: namespace } },
    });
  });
  test.afterAll(async () => {
    const { skiff } = fixture;
    await api(skiff, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' });
    const deadline = Date.now() + 20_000;
    const gone = async () =>
      (await api(skiff, `/api/v1/namespaces/${namespace}`)).status === 404 &&
      (await api(skiff, '/api/v1/persistentvolumes')).body.items.length === 0;
    while (Date.now() < deadline && !(await gone())) await new Promise((r) => setTimeout(r, 200));
    await skiff.stop();
    await removeDataDir(fixture.dir);
  });
  return fixture;
}
