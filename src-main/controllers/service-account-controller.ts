import type { KubeObject } from '../shared/api-types';
import type { Disposable } from '../shared/disposable';
import { serviceAccountType } from '../shared/rbac-types';
import { configMapType, namespaceType } from '../shared/resource-types';
import { ApiError } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const ROOT_CA_CONFIG_MAP = 'kube-root-ca.crt';

/**
 * What every live namespace holds, as two of Kubernetes' controllers keep it: the `default` ServiceAccount
 * (serviceaccounts-controller: made again when deleted) and the `kube-root-ca.crt` ConfigMap with the CA pods
 * use to trust the API (root-ca-cert-publisher: its data restored when changed).
 */
export class ServiceAccountController implements Disposable {
  private readonly loop: ControllerLoop;

  constructor(
    private readonly store: ObjectStore,
    private readonly caCertificate: string,
  ) {
    this.loop = startControllerLoop({
      store,
      name: 'serviceaccount-controller',
      reconcile: (namespace) => this.reconcile(namespace),
      keysFor: (event, type) => {
        if (type === namespaceType) return event.type === 'DELETED' ? [] : [event.object.metadata.name!];
        const ours =
          (type === serviceAccountType && event.object.metadata.name === DEFAULT_SERVICE_ACCOUNT) ||
          (type === configMapType && event.object.metadata.name === ROOT_CA_CONFIG_MAP);
        return ours && event.type !== 'ADDED' ? [event.object.metadata.namespace!] : [];
      },
      initialKeys: () => store.list(namespaceType).items.map((ns) => ns.metadata.name!),
    });
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    this.loop.dispose();
  }

  private async reconcile(namespace: string): Promise<void> {
    const ns = this.store.tryGet(namespaceType, undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const account = this.store.tryGet(serviceAccountType, namespace, DEFAULT_SERVICE_ACCOUNT);
    if (!account)
      await this.createIfMissing(serviceAccountType, {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace },
      });
    const data = { 'ca.crt': this.caCertificate };
    const configMap = this.store.tryGet(configMapType, namespace, ROOT_CA_CONFIG_MAP);
    const annotations = { 'kubernetes.io/description': ROOT_CA_DESCRIPTION };
    if (!configMap)
      await this.createIfMissing(configMapType, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CONFIG_MAP, namespace, annotations },
        data,
      });
    else if ((configMap.data as Record<string, string> | undefined)?.['ca.crt'] !== this.caCertificate)
      await this.store
        .update(configMapType, {
          ...configMap,
          data,
          metadata: {
            ...configMap.metadata,
            annotations: { ...configMap.metadata.annotations, ...annotations },
          },
        })
        .catch(ignoreConflict);
  }

  private async createIfMissing(type: typeof serviceAccountType, object: KubeObject): Promise<void> {
    await this.store.create(type, object).catch((err: unknown) => {
      // a namespace that began terminating refuses new content; a concurrent create already made it
      if (err instanceof ApiError && (err.code === 409 || err.code === 403 || err.code === 404)) return;
      throw err;
    });
  }
}

const ignoreConflict = (err: unknown) => {
  if (!(err instanceof ApiError && (err.code === 409 || err.code === 404))) throw err;
};

const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';
