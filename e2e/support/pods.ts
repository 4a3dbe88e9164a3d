import { randomBytes } from 'node:crypto';
import { api, type SkiffProcess } from './skiff-process';

export async function makeNamespace(skiff: SkiffProcess, prefix = 'test'): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  const response = await api(skiff, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name } } });
  if (response.status !== 201)
    throw new Error(`creating namespace ${name}: ${JSON.stringify(response.body)}`);
  return name;
}

export async function createPod(
  skiff: SkiffProcess,
  namespace: string,
  pod: Record<string, unknown>,
): Promise<any> {
  const response = await api(skiff, `/api/v1/namespaces/${namespace}/pods`, {
    method: 'POST',
    body: { apiVersion: 'v1', kind: 'Pod', ...pod },
  });
  if (response.status !== 201)
    throw new Error(`creating pod: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function getPod(skiff: SkiffProcess, namespace: string, name: string): Promise<any> {
  return (await api(skiff, `/api/v1/namespaces/${namespace}/pods/${name}`)).body;
}

/** Polls the pod as a user refreshing `kubectl get pod` would, until `check` holds. */
export async function waitForPod(
  skiff: SkiffProcess,
  namespace: string,
  name: string,
  check: (pod: any) => boolean,
  timeoutMs = 20_000,
): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let pod: any;
  while (Date.now() < deadline) {
    pod = await getPod(skiff, namespace, name);
    if (pod.kind === 'Pod' && check(pod)) return pod;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `pod ${namespace}/${name} did not reach the expected state in ${timeoutMs} ms; last status: ${JSON.stringify(pod?.status ?? pod)}`,
  );
}

export const containerStatus = (pod: any, name: string) =>
  [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
    (c: any) => c.name === name,
  );
export const isReady = (pod: any) =>
  pod.status?.conditions?.find((c: any) => c.type === 'Ready')?.status === 'True';

export async function podEvents(
  skiff: SkiffProcess,
  namespace: string,
  name: string,
): Promise<Array<{ reason: string; message: string; type: string; count: number }>> {
  const list = await api(
    skiff,
    `/api/v1/namespaces/${namespace}/events?fieldSelector=involvedObject.name%3D${name}`,
  );
  return (list.body.items as any[]).sort(
    (a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion),
  );
}

export async function podLog(
  skiff: SkiffProcess,
  namespace: string,
  name: string,
  query = '',
): Promise<{ status: number; text: string }> {
  const response = await api<string>(
    skiff,
    `/api/v1/namespaces/${namespace}/pods/${name}/log${query ? `?${query}` : ''}`,
  );
  const body = response.body as unknown;
  return {
    status: response.status,
    text: typeof body === 'string' ? body : ((body as { message?: string })?.message ?? JSON.stringify(body)),
  };
}
