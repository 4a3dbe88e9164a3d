import { describe, expect, it } from 'vitest';
import { kubeconfigPaths } from './kubeconfig-paths';

describe('kubeconfigPaths', () => {
  it.each<[string | undefined, string[], string[]]>([
    [undefined, [], ['/home/u/.kube/config']],
    ['', ['/x'], ['/home/u/.kube/config', '/x']],
    ['/a:/b', [], ['/a', '/b']],
    ['/a::/b:', ['/c'], ['/a', '/b', '/c']],
    ['/a:/b:/a', ['/b', '/c'], ['/a', '/b', '/c']],
  ])('KUBECONFIG=%j, added %j → %j', (env, added, paths) => {
    expect(kubeconfigPaths(env, '/home/u', added)).toEqual(paths);
  });
});
