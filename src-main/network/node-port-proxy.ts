import { createServer } from 'node:net';
import type { Service } from '../shared/service-types';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import type { EventRecorder } from '../machinery/event-recorder';
import { SANDBOX_VOLUMES_DIR } from '../runtime/config-volume-writer';
import {
  isCurrent,
  nodePortContainer,
  NODEPORT_ROLE,
  ROUTES_VOLUME,
  type ProxyPlan,
} from './plan-service-proxy';

// The proxy in the host's network that serves a Service's nodePorts on 127.0.0.1 where the host reaches pod
// addresses (plan-service-proxy.ts decides when). It reads the `node-routes` file of the Service's routes volume.

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** Makes the Service's host-network proxy match `plan` (none when the plan has none: any found is removed). */
export async function reconcileNodePortProxy(
  deps: { runtime: DockerRuntime; recorder: EventRecorder; proxyImage: () => Promise<string> },
  key: string,
  volume: string,
  want: { service: Service; plan: ProxyPlan } | undefined,
): Promise<void> {
  const { runtime, recorder } = deps;
  const wanted = want?.plan.nodePortProxy ? { ...want, nodePortProxy: want.plan.nodePortProxy } : undefined;
  const found = await runtime.listContainers({ [LABEL.role]: NODEPORT_ROLE, [LABEL.service]: key });
  const stale = found.filter(
    (c) => !wanted || !isCurrent(c.labels, wanted.plan.uid, wanted.nodePortProxy.shape),
  );
  for (const c of stale) await runtime.removeContainer(c.id);
  if (!wanted) return;
  const { service, plan, nodePortProxy } = wanted;
  const current = found.find((c) => !stale.includes(c));
  if (current && (await runtime.inspectContainer(current.id))?.running) return;
  if (current) await runtime.removeContainer(current.id);
  const taken = [];
  for (const port of nodePortProxy.ports) if (!(await portIsFree(port))) taken.push(port);
  if (taken.length > 0) {
    const message = `nodePort ${taken.join(', ')} of this Service is in use on 127.0.0.1 by another program`;
    await recorder.record(service, 'Warning', 'FailedToStartServiceProxy', message);
    throw new Error(message);
  }
  const id = await runtime.createContainer(
    nodePortContainer(
      { ...plan, nodePortProxy },
      {
        namespace: service.metadata.namespace ?? 'default',
        name: service.metadata.name ?? '',
        image: await deps.proxyImage(),
        volume,
        volumeTarget: `${SANDBOX_VOLUMES_DIR}/${ROUTES_VOLUME}`,
      },
    ),
  );
  try {
    await runtime.startContainer(id);
  } catch (err) {
    await runtime.removeContainer(id);
    throw err;
  }
}
