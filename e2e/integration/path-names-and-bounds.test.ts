import { request as httpsRequest } from 'node:https';
import { describe, expect, it } from 'vitest';
import { api, type SkiffProcess } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';

// A name that is a path step (`.`, `..`, percent-encoded or not) must never reach another object: Kubernetes
// answers 400 and changes nothing. Likewise a count that does not fit in int32 is refused, never stored.

const DOT_NAMES = ['.', '..', '%2E', '%2E%2E', '%2e%2E', 'a%2Fb', 'a%25b'];
const VERBS = ['GET', 'PUT', 'PATCH', 'DELETE', 'POST'] as const;

/** Everything a test here could touch, per list: name → what a user would see changed (not status). */
async function snapshot(skiff: SkiffProcess, ns: string): Promise<Record<string, Record<string, string>>> {
  const lists = {
    namespaces: '/api/v1/namespaces',
    configmaps: `/api/v1/namespaces/${ns}/configmaps`,
    secrets: `/api/v1/namespaces/${ns}/secrets`,
    deployments: `/apis/apps/v1/namespaces/${ns}/deployments`,
    pods: `/api/v1/namespaces/${ns}/pods`,
    nodes: '/api/v1/nodes',
  };
  const out: Record<string, Record<string, string>> = {};
  for (const [key, path] of Object.entries(lists)) {
    const res = await api(skiff, path);
    expect(res.status, path).toBe(200);
    out[key] = Object.fromEntries(
      (res.body.items as any[]).map((o) => [
        o.metadata.name,
        JSON.stringify([o.metadata.uid, o.metadata.generation, o.metadata.labels, o.spec, o.data]),
      ]),
    );
  }
  return out;
}

function bodyFor(verb: (typeof VERBS)[number]): { body?: unknown; contentType?: string } {
  if (verb === 'PATCH')
    return {
      body: { metadata: { labels: { touched: 'yes' } } },
      contentType: 'application/merge-patch+json',
    };
  if (verb === 'PUT' || verb === 'POST')
    return { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b' } } };
  return {};
}

/** An upgrade request sent with its path exactly as written; resolves with the HTTP status it got. */
function upgradeStatus(skiff: SkiffProcess, path: string, protocol: string): Promise<number> {
  const { hostname, port } = new URL(skiff.apiUrl);
  return new Promise((resolve, reject) => {
    const req = httpsRequest({
      hostname,
      port,
      path,
      ca: skiff.ca,
      headers: {
        Authorization: `Bearer ${skiff.token}`,
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from('0123456789abcdef').toString('base64'),
        'Sec-WebSocket-Protocol': protocol,
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('names that are path steps', () => {
  const f = useSkiffServer('dots');

  it('are refused with 400 for every verb, kind, subresource and position, and nothing changes', async () => {
    const ns = f.ns;
    const create = async (path: string, body: unknown) =>
      expect((await api(f.skiff, path, { method: 'POST', body })).status, path).toBe(201);
    await create(`/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: 'cm' }, data: { k: 'v' } });
    await create(`/api/v1/namespaces/${ns}/secrets`, { metadata: { name: 'sec' }, stringData: { k: 'v' } });
    await create(`/apis/apps/v1/namespaces/${ns}/deployments`, {
      metadata: { name: 'web' },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'skiff-test/web:v1' }] },
        },
      },
    });
    const before = await snapshot(f.skiff, ns);

    const answers: string[] = [];
    for (const name of DOT_NAMES) {
      const paths = [
        `/api/v1/namespaces/${ns}/configmaps/${name}`,
        `/api/v1/namespaces/${ns}/secrets/${name}`,
        `/apis/apps/v1/namespaces/${ns}/deployments/${name}`,
        `/apis/apps/v1/namespaces/${ns}/deployments/${name}/scale`,
        `/apis/apps/v1/namespaces/${ns}/deployments/${name}/status`,
        `/api/v1/namespaces/${ns}/pods/${name}/log`,
        `/api/v1/namespaces/${name}`,
        `/api/v1/namespaces/${name}/finalize`,
        `/api/v1/namespaces/${name}/configmaps/cm`,
        `/api/v1/namespaces/${name}/configmaps`,
        `/api/v1/nodes/${name}`,
        `/apis/metrics.k8s.io/v1beta1/namespaces/${ns}/pods/${name}`,
      ];
      for (const path of paths) {
        for (const verb of VERBS) {
          const res = await api(f.skiff, path, { method: verb, ...bodyFor(verb) });
          const ok = res.status === 400 && /parameter invalid/.test(res.body?.message ?? '');
          // A list or create under a valid namespace has no name in the path: a 405/4xx is right there too.
          const listLike = path.endsWith('/configmaps') && verb !== 'GET' && verb !== 'POST';
          if (!ok && !(listLike && res.status >= 400 && res.status < 500))
            answers.push(`${verb} ${path} → ${res.status} ${res.body?.message ?? ''}`);
        }
      }
      for (const [path, protocol] of [
        [`/api/v1/namespaces/${ns}/pods/${name}/exec?command=sh&stdout=1`, 'v5.channel.k8s.io'],
        [`/api/v1/namespaces/${ns}/pods/${name}/log?follow=1`, 'binary.k8s.io'],
        [`/api/v1/namespaces/${ns}/pods/${name}/portforward?ports=80`, 'SPDY/3.1+portforward.k8s.io'],
        [`/api/v1/namespaces/${name}/configmaps?watch=1`, 'v4.channel.k8s.io'],
      ] as const) {
        const status = await upgradeStatus(f.skiff, path, protocol);
        if (status !== 400) answers.push(`WebSocket ${path} → ${status}`);
      }
    }
    expect(answers).toEqual([]);

    // A literal slash is two path segments (name, subresource): not found, and still nothing changed.
    expect((await api(f.skiff, `/api/v1/namespaces/${ns}/configmaps/a/b`, { method: 'DELETE' })).status).toBe(
      404,
    );
    expect(await snapshot(f.skiff, ns)).toEqual(before);
    expect((await api(f.skiff, `/api/v1/namespaces/${ns}`)).body.status.phase).toBe('Active');
  });

  it('answers a malformed percent-encoding with 400, not 500', async () => {
    const res = await api(f.skiff, '/api/v1/namespaces/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
  });
});

describe('counts that do not fit in int32', () => {
  const f = useSkiffServer('bounds');
  const deployment = (replicas: string) =>
    `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"huge"},"spec":{"replicas":${replicas},` +
    `"selector":{"matchLabels":{"app":"huge"}},"template":{"metadata":{"labels":{"app":"huge"}},` +
    `"spec":{"containers":[{"name":"web","image":"skiff-test/web:v1"}]}}}}`;
  const BAD = ['2147483648', '9223372036854775808', '1e308', '-1'];
  // What does not fit an int32 does not decode (400, as Kubernetes' decoder answers); -1 decodes and breaks a rule.
  const codeFor = (replicas: string) => (replicas === '-1' ? 422 : 400);

  it('are refused on create, replace, patch and /scale, with the field named, and nothing is stored', async () => {
    const base = `/apis/apps/v1/namespaces/${f.ns}`;
    for (const replicas of BAD) {
      const res = await api(f.skiff, `${base}/deployments`, { method: 'POST', body: deployment(replicas) });
      expect(res.status, replicas).toBeGreaterThanOrEqual(400);
      expect(res.status, replicas).toBeLessThan(500);
      expect(JSON.stringify(res.body.details?.causes ?? res.body.message), replicas).toContain(
        'spec.replicas',
      );
      expect((await api(f.skiff, `${base}/deployments/huge`)).status).toBe(404);
      const rs = await api(f.skiff, `${base}/replicasets`, {
        method: 'POST',
        body: deployment(replicas).replace('"Deployment"', '"ReplicaSet"'),
      });
      expect(rs.status, `ReplicaSet ${replicas}`).toBe(codeFor(replicas));
    }

    const created = await api(f.skiff, `${base}/deployments`, { method: 'POST', body: deployment('0') });
    expect(created.status).toBe(201);
    for (const replicas of BAD) {
      const rv = (await api(f.skiff, `${base}/deployments/huge`)).body.metadata.resourceVersion;
      const put = await api(f.skiff, `${base}/deployments/huge`, {
        method: 'PUT',
        body: deployment(replicas).replace('"name":"huge"', `"name":"huge","resourceVersion":"${rv}"`),
      });
      expect(put.status, `PUT ${replicas}`).toBe(codeFor(replicas));
      const patch = await api(f.skiff, `${base}/deployments/huge`, {
        method: 'PATCH',
        body: `{"spec":{"replicas":${replicas}}}`,
        contentType: 'application/merge-patch+json',
      });
      expect(patch.status, `PATCH ${replicas}`).toBe(codeFor(replicas));
      const scale = await api(f.skiff, `${base}/deployments/huge/scale`, {
        method: 'PUT',
        body: `{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"huge"},"spec":{"replicas":${replicas}}}`,
      });
      expect(scale.status, `scale ${replicas}`).toBe(codeFor(replicas));
    }
    const after = await api(f.skiff, `${base}/deployments/huge`);
    expect(after.body.metadata.generation).toBe(created.body.metadata.generation);
    expect(after.body.spec.replicas).toBe(0);
  });
});
