import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubectl } from '../support/kubectl';
import { api, watch } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';

describe('Namespaces over the Kubernetes REST API', () => {
  const f = useSkiffServer();

  it('creates, reads, lists by label, updates, patches, watches and deletes', async () => {
    const list = await api(f.skiff, '/api/v1/namespaces');
    const recorder = await watch(
      f.skiff,
      `/api/v1/namespaces?watch=true&resourceVersion=${list.body.metadata.resourceVersion}`,
    );

    const created = await api(f.skiff, '/api/v1/namespaces', {
      method: 'POST',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { team: 'a' } } },
    });
    expect(created.status).toBe(201);
    expect(created.body.status.phase).toBe('Active');
    expect(created.body.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const got = await api(f.skiff, '/api/v1/namespaces/team-a');
    expect(got.body.metadata.uid).toBe(created.body.metadata.uid);

    const byLabel = await api(f.skiff, '/api/v1/namespaces?labelSelector=team%3Da');
    expect(byLabel.body.items.map((n: any) => n.metadata.name)).toEqual(['team-a']);

    const put = await api(f.skiff, '/api/v1/namespaces/team-a', {
      method: 'PUT',
      body: { ...got.body, metadata: { ...got.body.metadata, labels: { team: 'a', tier: 'gold' } } },
    });
    expect(put.status).toBe(200);
    const stale = await api(f.skiff, '/api/v1/namespaces/team-a', { method: 'PUT', body: got.body });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ kind: 'Status', reason: 'Conflict', code: 409 });

    const merged = await api(f.skiff, '/api/v1/namespaces/team-a', {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { metadata: { labels: { tier: null, owner: 'me' } } },
    });
    expect(merged.body.metadata.labels).toEqual({
      team: 'a',
      owner: 'me',
      'kubernetes.io/metadata.name': 'team-a',
    });
    const jsonPatched = await api(f.skiff, '/api/v1/namespaces/team-a', {
      method: 'PATCH',
      contentType: 'application/json-patch+json',
      body: [{ op: 'add', path: '/metadata/annotations', value: { note: 'hi' } }],
    });
    expect(jsonPatched.body.metadata.annotations).toEqual({ note: 'hi' });

    const deleted = await api(f.skiff, '/api/v1/namespaces/team-a', { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(deleted.body.status.phase).toBe('Terminating');
    await recorder.waitFor((events) =>
      events.some((e) => e.type === 'DELETED' && e.object.metadata.name === 'team-a'),
    );
    recorder.close();
    expect(recorder.events.map((e) => e.type)).toEqual([
      'ADDED',
      'MODIFIED',
      'MODIFIED',
      'MODIFIED',
      'MODIFIED',
      'DELETED',
    ]);
    expect((await api(f.skiff, '/api/v1/namespaces/team-a')).status).toBe(404);
  });

  it('cascades a namespace deletion to its content', async () => {
    await api(f.skiff, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'scratch' } } });
    const cm = await api(f.skiff, '/api/v1/namespaces/scratch/configmaps', {
      method: 'POST',
      body: { metadata: { name: 'settings' }, data: { a: '1' } },
    });
    expect(cm.status).toBe(201);
    // Watch first: with nothing in it to wait for, the namespace can be gone before a later watch starts.
    const recorder = await watch(
      f.skiff,
      '/api/v1/namespaces?watch=true&fieldSelector=metadata.name%3Dscratch',
    );
    await api(f.skiff, '/api/v1/namespaces/scratch', { method: 'DELETE' });
    await recorder.waitFor((events) => events.some((e) => e.type === 'DELETED'));
    recorder.close();
    expect(
      (await api(f.skiff, '/api/v1/configmaps')).body.items.filter(
        (i: any) => i.metadata.namespace === 'scratch',
      ),
    ).toEqual([]);
  });

  it('lets `kubectl delete -f` delete every object of a file that starts with their Namespace', async () => {
    const file = join(f.skiff.dataDir, 'app.yaml');
    await writeFile(
      file,
      [
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  a: "1"',
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: keys\n  namespace: shop\nstringData:\n  k: v',
        [
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 0',
          '  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web',
          '    spec:\n      containers:\n      - name: web\n        image: skiff-test/web:v1',
        ].join('\n'),
      ].join('\n---\n'),
    );
    await kubectl(f.skiff, ['apply', '-f', file]);
    const recorder = await watch(f.skiff, '/api/v1/namespaces?watch=true&fieldSelector=metadata.name%3Dshop');
    const { stdout } = await kubectl(f.skiff, ['delete', '-f', file, '--wait=false']);
    expect(stdout.trim().split('\n')).toEqual([
      'namespace "shop" deleted',
      'configmap "settings" deleted',
      'secret "keys" deleted',
      'deployment.apps "web" deleted',
    ]);
    // As on a cluster, the namespace is Terminating meanwhile and goes once its controller has emptied it.
    await recorder.waitFor((events) => events.some((e) => e.type === 'DELETED'), 20_000);
    recorder.close();
  });

  describe('bad input gets a Kubernetes Status and changes nothing', () => {
    const cases: Array<[string, string, Parameters<typeof api>[2], number, RegExp]> = [
      [
        'malformed JSON',
        '/api/v1/namespaces',
        { method: 'POST', body: '{"metadata": {"name": ', contentType: 'application/json' },
        400,
        /not valid JSON/,
      ],
      [
        'malformed YAML',
        '/api/v1/namespaces',
        { method: 'POST', body: 'metadata:\n  name: [unclosed', contentType: 'application/yaml' },
        400,
        /not valid YAML/,
      ],
      [
        'an unknown kind in the path',
        '/api/v1/namespaces/default/widgets',
        { method: 'POST', body: { metadata: { name: 'w' } } },
        404,
        /could not find the requested resource/,
      ],
      [
        'a body kind that is not the path kind',
        '/api/v1/namespaces/default/configmaps',
        { method: 'POST', body: { kind: 'Widget', metadata: { name: 'w' } } },
        400,
        /kind "Widget" in the body does not match the resource "configmaps"/,
      ],
      [
        'a name that is not a DNS-1123 label',
        '/api/v1/namespaces',
        { method: 'POST', body: { metadata: { name: 'Team_A' } } },
        422,
        /metadata.name: Invalid value: "Team_A": a lowercase RFC 1123 label/,
      ],
      [
        'a body namespace that disagrees with the path',
        '/api/v1/namespaces/default/configmaps',
        { method: 'POST', body: { metadata: { name: 'c', namespace: 'kube-system' } } },
        400,
        /namespace of the provided object \("kube-system"\) does not match the namespace sent on the request \("default"\)/,
      ],
      [
        'an unsupported patch type',
        '/api/v1/namespaces/default',
        { method: 'PATCH', body: {}, contentType: 'text/plain' },
        415,
        /unknown format/,
      ],
      ['a bad label selector', '/api/v1/namespaces?labelSelector=a%20in%20(b', {}, 400, /labelSelector/],
    ];
    it.each(cases)('%s', async (_what, path, options, code, message) => {
      const before = await api(f.skiff, '/api/v1/namespaces');
      const response = await api(f.skiff, path, options);
      expect(response.status).toBe(code);
      expect(response.body).toMatchObject({ kind: 'Status', status: 'Failure', code });
      expect(response.body.message).toMatch(message);
      const after = await api(f.skiff, '/api/v1/namespaces');
      expect(after.body.metadata.resourceVersion).toBe(before.body.metadata.resourceVersion);
    });

    it('names the invalid field in details.causes', async () => {
      const response = await api(f.skiff, '/api/v1/namespaces', {
        method: 'POST',
        body: { metadata: { name: 'ok-name', labels: { app: 'has space' } } },
      });
      expect(response.status).toBe(422);
      expect(response.body.details.causes).toEqual([expect.objectContaining({ field: 'metadata.labels' })]);
    });
  });
});

describe('Namespaces made and removed while the kubelet re-lists', () => {
  const f = useSkiffServer();

  it('keep their networks: a pod in a namespace made during a re-list starts at once', async () => {
    // a namespace's deletion makes the kubelet re-list (and remove networks of namespaces that are gone); new
    // namespaces made at that moment, each with a pod, must keep the network their pod needs
    const names = Array.from({ length: 4 }, (_, i) => `churn-${i}`);
    for (const name of names) {
      await api(f.skiff, '/api/v1/namespaces', {
        method: 'POST',
        body: { metadata: { name: `${name}-old` } },
      });
    }
    for (const name of names) {
      await Promise.all([
        api(f.skiff, `/api/v1/namespaces/${name}-old`, { method: 'DELETE' }),
        api(f.skiff, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name } } }).then(() =>
          api(f.skiff, `/api/v1/namespaces/${name}/pods`, {
            method: 'POST',
            body: {
              metadata: { name: 'p' },
              spec: {
                terminationGracePeriodSeconds: 0,
                containers: [{ name: 'c', image: 'skiff-test/tools:v1' }],
              },
            },
          }),
        ),
      ]);
    }
    for (const name of names) {
      await expect
        .poll(async () => (await api(f.skiff, `/api/v1/namespaces/${name}/pods/p`)).body.status?.phase, {
          timeout: 20_000,
        })
        .toBe('Running');
      // "at once": the first sandbox worked; a network removed under it would have left a Warning and a retry
      const events = (await api(f.skiff, `/api/v1/namespaces/${name}/events`)).body.items;
      expect(events.filter((e: { type: string }) => e.type === 'Warning')).toEqual([]);
    }
    for (const name of names) await api(f.skiff, `/api/v1/namespaces/${name}`, { method: 'DELETE' });
    for (const name of names)
      await expect
        .poll(async () => (await api(f.skiff, `/api/v1/namespaces/${name}`)).status, { timeout: 30_000 })
        .toBe(404);
  });
});
