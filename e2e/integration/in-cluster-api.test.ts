import { describe, expect, it } from 'vitest';
import { useSkiffServer } from '../support/skiff-fixture';
import { createPod, podLog, waitForPod } from '../support/pods';
import { api } from '../support/skiff-process';

// A pod talks to the API as client-go's in-cluster config does: KUBERNETES_SERVICE_HOST/PORT, the mounted
// token as bearer, ca.crt as the only trusted CA (the name is verified), namespace from the file. Its Role
// lets it list pods and nothing else; the user's own token still does everything.

// client-go's rest.InClusterConfig and two requests, in node (the test image with node in it).
const CLIENT = `
const fs = require('fs'), https = require('https');
const dir = '/var/run/secrets/kubernetes.io/serviceaccount';
const host = process.env.KUBERNETES_SERVICE_HOST, port = process.env.KUBERNETES_SERVICE_PORT;
const token = fs.readFileSync(dir + '/token', 'utf8'), ca = fs.readFileSync(dir + '/ca.crt');
const ns = fs.readFileSync(dir + '/namespace', 'utf8');
const get = (path) => new Promise((resolve, reject) => {
  https.get({ host, port, path, ca, headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' } },
    (res) => { let body = ''; res.on('data', (d) => (body += d)); res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(body) })); })
    .on('error', reject);
});
(async () => {
  const pods = await get('/api/v1/namespaces/' + ns + '/pods');
  const secrets = await get('/api/v1/namespaces/' + ns + '/secrets');
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  console.log(JSON.stringify({ host, port, ns, claims, pods: { status: pods.status, names: (pods.body.items || []).map((p) => p.metadata.name) }, secrets }));
})().catch((err) => { console.log(JSON.stringify({ error: String(err) })); process.exit(1); });
`;

describe('the API from inside a pod', () => {
  const fixture = useSkiffServer('incluster');

  it('lists pods with its token and CA through kubernetes.default.svc, and is refused what its Role does not grant', async () => {
    const { skiff, ns } = fixture;
    const create = (path: string, body: unknown) => api(skiff, path, { method: 'POST', body });
    const rbac = `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}`;
    expect(
      (await create(`/api/v1/namespaces/${ns}/serviceaccounts`, { metadata: { name: 'reader' } })).status,
    ).toBe(201);
    expect(
      (
        await create(`${rbac}/roles`, {
          metadata: { name: 'pod-reader' },
          rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await create(`${rbac}/rolebindings`, {
          metadata: { name: 'reader' },
          roleRef: { kind: 'Role', name: 'pod-reader' },
          subjects: [{ kind: 'ServiceAccount', name: 'reader' }],
        })
      ).status,
    ).toBe(201);

    const missing = await create(`/api/v1/namespaces/${ns}/pods`, {
      metadata: { name: 'nobody' },
      spec: { serviceAccountName: 'ghost', containers: [{ name: 'c', image: 'skiff-test/tools:v1' }] },
    });
    expect(missing.status).toBe(403);
    expect(missing.body.message).toBe(
      `pods "nobody" is forbidden: error looking up service account ${ns}/ghost: serviceaccount "ghost" not found`,
    );

    const pod = await createPod(skiff, ns, {
      metadata: { name: 'client' },
      spec: {
        serviceAccountName: 'reader',
        restartPolicy: 'Never',
        containers: [
          { name: 'client', image: 'skiff-test/grpc-health:v1', command: ['/usr/bin/node', '-e', CLIENT] },
        ],
      },
    });
    const volume = pod.spec.volumes.find((v: any) => v.name.startsWith('kube-api-access-'));
    expect(volume.projected.sources[0]).toEqual({
      serviceAccountToken: { expirationSeconds: 3607, path: 'token' },
    });
    expect(pod.spec.containers[0].volumeMounts).toContainEqual({
      name: volume.name,
      readOnly: true,
      mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
    });

    const done = await waitForPod(
      skiff,
      ns,
      'client',
      (p) => ['Succeeded', 'Failed'].includes(p.status?.phase),
      40_000,
    );
    const { text } = await podLog(skiff, ns, 'client');
    expect(done.status.phase, text).toBe('Succeeded');
    const report = JSON.parse(text.trim().split('\n').pop()!);
    expect(report).toMatchObject({ host: 'kubernetes.default.svc', port: '443', ns });
    expect(report.claims).toMatchObject({
      sub: `system:serviceaccount:${ns}:reader`,
      'kubernetes.io': {
        namespace: ns,
        pod: { name: 'client', uid: pod.metadata.uid },
        serviceaccount: { name: 'reader' },
      },
    });
    expect(report.pods).toEqual({ status: 200, names: ['client'] });
    expect(report.secrets.status).toBe(403);
    expect(report.secrets.body).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      code: 403,
      details: { kind: 'secrets' },
      message: `secrets is forbidden: User "system:serviceaccount:${ns}:reader" cannot list resource "secrets" in API group "" in the namespace "${ns}"`,
    });

    // The pod's token, used from anywhere, still has only its Role's power: no hostPath pod for it.
    const token = await create(`/api/v1/namespaces/${ns}/serviceaccounts/reader/token`, { spec: {} });
    expect(token.status).toBe(201);
    const asReader = await api(skiff, `/api/v1/namespaces/${ns}/pods`, {
      method: 'POST',
      token: token.body.status.token,
      body: {
        metadata: { name: 'escape' },
        spec: {
          containers: [
            { name: 'c', image: 'skiff-test/tools:v1', volumeMounts: [{ name: 'root', mountPath: '/host' }] },
          ],
          volumes: [{ name: 'root', hostPath: { path: '/' } }],
        },
      },
    });
    expect(asReader.status).toBe(403);
    expect(asReader.body.message).toBe(
      `pods is forbidden: User "system:serviceaccount:${ns}:reader" cannot create resource "pods" in API group "" in the namespace "${ns}"`,
    );
    const review = await api(skiff, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      method: 'POST',
      token: token.body.status.token,
      body: { spec: { resourceAttributes: { namespace: ns, verb: 'list', resource: 'pods' } } },
    });
    expect(review.body.status).toEqual({ allowed: true });
    // Allowed to make RoleBindings, it still cannot bind itself to more than it holds.
    expect(
      (
        await create(`${rbac}/roles`, {
          metadata: { name: 'binder' },
          rules: [
            { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['create'] },
          ],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await create(`${rbac}/rolebindings`, {
          metadata: { name: 'binder' },
          roleRef: { kind: 'Role', name: 'binder' },
          subjects: [{ kind: 'ServiceAccount', name: 'reader' }],
        })
      ).status,
    ).toBe(201);
    const escalate = await api(skiff, `${rbac}/rolebindings`, {
      method: 'POST',
      token: token.body.status.token,
      body: {
        metadata: { name: 'root' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
        subjects: [{ kind: 'ServiceAccount', name: 'reader' }],
      },
    });
    expect(escalate.status).toBe(403);
    expect(escalate.body.message).toMatch(
      new RegExp(
        `^rolebindings.rbac.authorization.k8s.io "root" is forbidden: user "system:serviceaccount:${ns}:reader" \\(groups=.*\\) is attempting to grant RBAC permissions not currently held:\n`,
      ),
    );
    // …while the user's own token may do everything.
    expect((await api(skiff, `/api/v1/namespaces/${ns}/secrets`)).status).toBe(200);
  }, 60_000);
});
