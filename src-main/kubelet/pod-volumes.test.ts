import { describe, expect, it } from 'vitest';
import type { Pod } from '../shared/pod-types';
import { mountsFor, volumesMountedBySubPath } from './pod-volumes';

const pod = (): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'shop', uid: 'u1' },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'skiff-test/web:v1',
          volumeMounts: [
            { name: 'site', mountPath: '/www/token.txt', subPath: 'token.txt' },
            { name: 'scratch', mountPath: '/tmp/one', subPath: 'one' },
            { name: 'whole', mountPath: '/etc/whole' },
          ],
        },
      ],
      volumes: [
        { name: 'site', secret: { secretName: 'site' } },
        { name: 'scratch', emptyDir: {} },
        { name: 'whole', configMap: { name: 'whole' } },
      ],
    },
  }) as Pod;

describe('volumesMountedBySubPath', () => {
  it('names config volumes mounted by a subPath as well as emptyDirs and claims', () => {
    expect(volumesMountedBySubPath(pod()).sort()).toEqual(['scratch', 'site']);
  });
});

describe('mountsFor on an engine without VolumeOptions.Subpath', () => {
  it("binds a config volume's key as the one file on the host, not the whole volume", () => {
    const p = pod();
    // a newer engine: Docker volumes, the subPath as VolumeOptions.Subpath
    const volumes = mountsFor(p, 'web', { claims: {} }).mounts;
    expect(volumes.map((m) => m.Target)).toEqual(['/www/token.txt', '/tmp/one', '/etc/whole']);
    expect(volumes[0]).toMatchObject({ Type: 'volume', VolumeOptions: { Subpath: 'token.txt' } });
    // an older engine (mountpoints known): the subPath mounts bind the file inside the volume on the host
    const mountpoints = Object.fromEntries(
      volumes.map((m) => [m.Source as string, `/var/lib/docker/volumes/${String(m.Source)}/_data`]),
    );
    const old = mountsFor(p, 'web', { claims: {}, mountpoints }).mounts;
    expect(old[0]).toMatchObject({
      Type: 'bind',
      Source: `${mountpoints[volumes[0]!.Source as string]}/token.txt`,
      Target: '/www/token.txt',
      ReadOnly: true,
    });
    expect(old[2]).toMatchObject({ Type: 'volume', Target: '/etc/whole' });
  });
});
