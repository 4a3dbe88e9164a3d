import { serviceType } from '../shared/resource-types';
import type { Service } from '../shared/service-types';
import { ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { loadBalancerIngress } from './plan-service-proxy';

/** spec.clusterIP is the proxy's address on its own network; a LoadBalancer's ingress is 127.0.0.1. */
export async function recordServiceAddress(
  store: ObjectStore,
  service: Service,
  ip: string | undefined,
): Promise<void> {
  const latest = store.tryGet(serviceType, service.metadata.namespace, service.metadata.name ?? '') as
    Service | undefined;
  if (!latest) return;
  if (ip && !latest.spec.clusterIP) {
    await store
      .update(serviceType, { ...latest, spec: { ...latest.spec, clusterIP: ip, clusterIPs: [ip] } })
      .catch(ignoreGoneOrChanged);
  }
  const fresh = store.tryGet(serviceType, service.metadata.namespace, service.metadata.name ?? '') as
    Service | undefined;
  if (!fresh) return;
  const ingress = loadBalancerIngress(fresh);
  if (JSON.stringify(fresh.status?.loadBalancer?.ingress) !== JSON.stringify(ingress))
    await store
      .update(
        serviceType,
        { ...fresh, status: { loadBalancer: ingress ? { ingress } : {} } },
        { subresource: 'status' },
      )
      .catch(ignoreGoneOrChanged);
}
