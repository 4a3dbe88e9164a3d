import { BuildService } from '../builds/build-service';
import { BuildWatcher } from '../builds/build-watcher';
import type { BuildRequest } from '../builds/build-types';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { EventRecorder } from '../machinery/event-recorder';
import { expireEvents } from '../controllers/event-ttl';
import { GarbageCollector } from '../controllers/garbage-collector';
import { NamespaceController } from '../controllers/namespace-controller';
import {
  CustomResourceDefinitionController,
  registerStoredCustomResources,
} from '../controllers/custom-resource-definition-controller';
import { DeploymentController } from '../controllers/deployment-controller';
import { REPLICATION_CONTROLLERS, ReplicaSetController } from '../controllers/replica-set-controller';
import { JobController } from '../controllers/job-controller';
import { CronJobController } from '../controllers/cron-job-controller';
import { TtlAfterFinishedController } from '../controllers/ttl-after-finished-controller';
import { StatefulSetController } from '../controllers/stateful-set-controller';
import { DaemonSetController } from '../controllers/daemon-set-controller';
import { Scheduler } from '../controllers/scheduler';
import { Kubelet } from '../kubelet/kubelet';
import { NODE_NAME, NodeAgent } from '../kubelet/node-agent';
import { PodStreams } from '../kubelet/pod-streams';
import { ensureLocalStorageClass, VolumeProvisioner } from '../kubelet/volume-provisioner';
import { ServiceProxies } from '../network/service-proxies';
import { IngressProxy, ensureSkiffIngressClass } from '../network/ingress-proxy';
import { gatewayHandshake, PodGateway } from '../network/pod-gateway';
import { checkProbeSetting, probesThroughGateway } from '../kubelet/probe-path';
import { LocalForwards } from '../network/local-forwards';
import { proxyImageBuilder } from '../network/proxy-image';
import { ClusterDns } from '../network/cluster-dns';
import { MetricsCollector } from '../kubelet/metrics-collector';
import { EndpointsController } from '../controllers/endpoints-controller';
import { HorizontalPodAutoscalerController } from '../controllers/horizontal-pod-autoscaler-controller';
import { DockerRuntime, type EngineInfo } from '../runtime/docker-runtime';
import { OpenApiDocuments } from '../server/openapi/openapi-documents';
import { customResourceSource } from '../server/openapi/custom-resource-source';
import type { ObjectStore } from '../store/object-store';
import {
  customResourceDefinitionType,
  isEstablished,
  type CustomResourceDefinition,
} from '../shared/custom-resource-types';
import { ApiServer } from '../server/api-server';
import { DisposableStack } from '../shared/disposable';
import { openStore } from '../store/open-store';
import {
  extraLabelsFromEnv,
  loadOrCreateInstanceId,
  loadOrCreateServiceAccountKey,
  loadOrCreateTls,
  loadOrCreateToken,
} from './credentials';
import { lockDataDir } from './data-dir-lock';
import { createKindRegistry } from '../store/all-kinds';
import { writeKubeconfig } from './kubeconfig';
import { loadOrCreateSecretKey, type KeyProtector } from './secret-key';
import { secretSealer } from '../store/object-sealer';
import { resourceQuotaAdmission } from '../store/admission/resource-quota-admission';
import { ensureSystemPriorityClasses } from '../store/system-priority-classes';
import { DisruptionController } from '../controllers/disruption-controller';
import { ResourceQuotaController } from '../controllers/resource-quota-controller';
import { noticeUnenforcedNetworkPolicies } from '../controllers/network-policy-notice';
import { ServiceAccountTokens } from '../auth/service-account-token';
import { Authenticator } from '../auth/authenticator';
import { RequestAccess } from '../server/request-access';
import { storeRbacPolicy } from '../auth/store-rbac-policy';
import { ensureBootstrapPolicy } from '../controllers/rbac-bootstrap';
import { ServiceAccountController } from '../controllers/service-account-controller';
import { ClusterRoleAggregationController } from '../controllers/cluster-role-aggregation-controller';
import { podTokenSource } from '../kubelet/pod-token-source';
import { ensureApiService, InClusterApi } from '../network/in-cluster-api';
import { serviceAccountType } from '../shared/rbac-types';
import { podType } from '../shared/resource-types';
import { ClusterRoutes } from '../clusters/cluster-routes';
import { ensureArgoRolloutsCrds } from '../store/argo-rollouts/argo-rollouts-crds';
import { RolloutController } from '../controllers/rollout-controller';
import { AnalysisRunController } from '../controllers/analysis-run-controller';

export interface SkiffOptions {
  dataDir: string;
  host: string;
  port: number;
  rendererDir?: string;
  log?: (message: string) => void;
  /** The OS keychain (Electron's safeStorage) to protect the key that encrypts Secrets at rest. */
  keyProtector?: KeyProtector;
  /** Where the built Service proxy binaries are (out/proxy). */
  proxyDir: string;
  /** Where Ingresses are served on 127.0.0.1 (0: any free port). */
  ingressPort?: number;
  /** How often container usage is read for metrics.k8s.io and the HPA (default 15 s, as metrics-server). */
  metricsIntervalSeconds?: number;
}

export interface SkiffApp {
  port: number;
  apiUrl: string;
  /** Where a browser opens the UI; the token travels in the fragment, which browsers never send to a server. */
  uiUrl: string;
  uiOrigin: string;
  /** Where Ingress rules are served. */
  ingressUrl: string;
  token: string;
  kubeconfigPath: string;
  /** Resolves with the engine's facts, or rejects with what to do when it does not answer. */
  engine: Promise<EngineInfo>;
  kubelet: Kubelet;
  stop(): Promise<void>;
}

/** The composition root: store, API server, controllers and runtime, wired once. */
export async function startSkiff(options: SkiffOptions): Promise<SkiffApp> {
  const log = options.log ?? ((m: string) => console.log(m));
  const badProbeSetting = checkProbeSetting(process.env.SKIFF_POD_ROUTE);
  if (badProbeSetting) throw new Error(badProbeSetting);
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const lock = await lockDataDir(options.dataDir);
  const kinds = createKindRegistry();
  const secretKey = await loadOrCreateSecretKey(options.dataDir, options.keyProtector);
  const sealer = secretSealer(secretKey.key, secretKey.location);
  const { store, journal } = await openStore(options.dataDir, kinds, log, undefined, sealer);
  registerStoredCustomResources(store, kinds);
  await ensureLocalStorageClass(store);
  await ensureSkiffIngressClass(store);
  await ensureSystemPriorityClasses(store);
  const quotaAdmission = store.addCreateAdmission(resourceQuotaAdmission());
  const [token, tls, serviceAccountKey] = await Promise.all([
    loadOrCreateToken(options.dataDir),
    loadOrCreateTls(options.dataDir),
    loadOrCreateServiceAccountKey(options.dataDir),
  ]);
  const serviceAccountTokens = new ServiceAccountTokens(serviceAccountKey);
  await ensureBootstrapPolicy(store);
  await ensureApiService(store);
  const runtime = new DockerRuntime({
    instance: await loadOrCreateInstanceId(options.dataDir),
    extraLabels: extraLabelsFromEnv(process.env.SKIFF_EXTRA_LABELS),
  });
  const proxyImage = proxyImageBuilder(runtime, options.proxyDir);
  const gateway = new PodGateway(runtime, proxyImage);
  const clusterDns = new ClusterDns({ store, runtime, proxyImage });
  const forwards = new LocalForwards((namespace, ip, port) => gateway.dial(namespace, ip, port));
  const inClusterApi = new InClusterApi(runtime, proxyImage, store, (socket) =>
    server.acceptInCluster(socket),
  );
  const kubelet = new Kubelet({
    store,
    runtime,
    recorder: new EventRecorder(store, { component: 'kubelet', host: NODE_NAME }),
    node: new NodeAgent(store),
    podsDir: join(options.dataDir, 'pods'),
    clusterDns: async (namespace) => {
      await inClusterApi
        .ensure(namespace)
        .catch((err: Error) =>
          log(`the API is not reachable from namespace ${namespace}'s pods: ${err.message}`),
        );
      return clusterDns.ensure(namespace);
    },
    apiServiceEnv: (namespace) => inClusterApi.env(namespace),
    serviceAccountTokens: podTokenSource(store, serviceAccountTokens),
  });
  const metrics = new MetricsCollector(runtime, {
    intervalMs: (options.metricsIntervalSeconds ?? 15) * 1000,
  });
  const written: { kubeconfig?: string; apiUrl?: string } = {};
  const openApi = new OpenApiDocuments(kinds);
  const customResourceSchemas = openApi.registerSource(
    customResourceSource(() => establishedCrds(store), kinds),
  );
  const crdChanges = store.subscribe((_event, type) => {
    if (
      type.group === customResourceDefinitionType.group &&
      type.plural === customResourceDefinitionType.plural
    )
      customResourceSchemas.changed();
  });
  const clusters = new ClusterRoutes({ dataDir: options.dataDir, localServer: () => written.apiUrl ?? '' });
  const builds = new BuildService(runtime, store);
  const server = new ApiServer({
    host: options.host,
    port: options.port,
    token,
    tls,
    store,
    kinds,
    openApi,
    rendererDir: options.rendererDir,
    podStreams: new PodStreams(kubelet),
    dialPod: (namespace, ip, port) => gateway.dial(namespace, ip, port),
    metrics: metrics.window,
    kubeconfigPath: () => written.kubeconfig,
    imageRepoDigests: (reference) => runtime.imageRepoDigests(reference),
    openLocally: (namespace, ip, port) => forwards.open(namespace, ip, port),
    access: new RequestAccess(
      new Authenticator(token, serviceAccountTokens, {
        serviceAccount: (namespace, name) => store.tryGet(serviceAccountType, namespace, name),
        pod: (namespace, name) => store.tryGet(podType, namespace, name),
      }),
      storeRbacPolicy(store),
    ),
    tokens: serviceAccountTokens,
    clusters,
    builds: (request, emit, signal) => builds.run(request as BuildRequest, emit, signal),
  });
  let port: number;
  try {
    port = await server.start();
  } catch (err) {
    await journal.close();
    await lock.release();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new Error(
        `port ${options.port} on ${options.host} is in use; pass --port with a free port (or 0 for any)`,
        { cause: err },
      );
    throw err;
  }
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const apiUrl = `https://${hostForUrl}:${port}`;
  const uiOrigin = `http://${hostForUrl}:${port}`;
  const kubeconfigPath = await writeKubeconfig(options.dataDir, apiUrl, tls.cert, token);
  written.kubeconfig = kubeconfigPath;
  written.apiUrl = apiUrl;

  const engine = runtime.engineInfo();
  engine.catch(() => {}); // reported by the caller; never an unhandled rejection
  // How this host reaches pods decides how probes connect and how NodePorts are served (probe-path.ts).
  const podsUnreachable = engine.then(
    (info) =>
      probesThroughGateway({
        setting: process.env.SKIFF_POD_ROUTE || undefined,
        platform: process.platform,
        dockerHost: process.env.DOCKER_HOST,
        operatingSystem: info.operatingSystem,
      }),
    () => false,
  );
  void podsUnreachable.then((unreachable) => {
    if (!unreachable) return;
    kubelet.probeThrough((namespace, ip, port) => gateway.dial(namespace, ip, port, { patient: false }), {
      address: async (namespace) => `127.0.0.1:${await gateway.entry(namespace)}`,
      handshake: gatewayHandshake,
    });
    log('pods are reached through the gateway container (their addresses are not reachable from this host)');
  });

  const controllers = new DisposableStack();
  // Ingresses are a convenience next to the API: a taken port moves them to a free one rather than stopping Skiff.
  const wantedIngressPort = options.ingressPort ?? 47480;
  let ingress = new IngressProxy(store, '127.0.0.1', wantedIngressPort, gateway);
  let ingressPort: number;
  try {
    ingressPort = await ingress.start();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
      await server.close();
      await journal.close();
      await lock.release();
      throw err;
    }
    ingress.dispose();
    ingress = new IngressProxy(store, '127.0.0.1', 0, gateway);
    ingressPort = await ingress.start();
    log(
      `ingress port ${wantedIngressPort} on 127.0.0.1 is in use; serving Ingresses on ${ingressPort} instead`,
    );
  }
  controllers.add(ingress);
  controllers.add(quotaAdmission);
  controllers.add(crdChanges);
  controllers.add(customResourceSchemas);
  controllers.add(
    new DisruptionController(store, new EventRecorder(store, { component: 'controllermanager' })),
  );
  controllers.add(new ResourceQuotaController(store));
  controllers.add(
    noticeUnenforcedNetworkPolicies(store, new EventRecorder(store, { component: 'skiff-network-policy' })),
  );
  controllers.add(new CustomResourceDefinitionController(store, kinds));
  controllers.add(new BuildWatcher(store, builds, new EventRecorder(store, { component: 'skiff-build' })));
  controllers.add(new GarbageCollector(store));
  controllers.add(new ServiceAccountController(store, tls.cert));
  controllers.add(new ClusterRoleAggregationController(store));
  controllers.add(new NamespaceController(store));
  controllers.add(expireEvents(store));
  controllers.add(
    new DeploymentController(store, new EventRecorder(store, { component: 'deployment-controller' })),
  );
  controllers.add(
    new ReplicaSetController(store, new EventRecorder(store, { component: 'replicaset-controller' })),
  );
  controllers.add(
    new RolloutController(store, kinds, new EventRecorder(store, { component: 'rollouts-controller' })),
  );
  controllers.add(
    new AnalysisRunController(store, kinds, new EventRecorder(store, { component: 'rollouts-controller' })),
  );
  controllers.add(new JobController(store, new EventRecorder(store, { component: 'job-controller' })));
  controllers.add(
    new CronJobController(store, new EventRecorder(store, { component: 'cronjob-controller' })),
  );
  controllers.add(new TtlAfterFinishedController(store));
  controllers.add(
    new StatefulSetController(store, new EventRecorder(store, { component: 'statefulset-controller' })),
  );
  controllers.add(
    new DaemonSetController(store, new EventRecorder(store, { component: 'daemonset-controller' })),
  );
  controllers.add(
    new ReplicaSetController(
      store,
      new EventRecorder(store, { component: 'replication-controller' }),
      Date.now,
      {},
      REPLICATION_CONTROLLERS,
    ),
  );
  controllers.add(new Scheduler(store, new EventRecorder(store, { component: 'default-scheduler' })));
  controllers.add(
    new VolumeProvisioner(
      store,
      runtime,
      new EventRecorder(store, { component: 'persistentvolume-controller' }),
    ),
  );
  controllers.add(new EndpointsController(store));
  controllers.add(
    new ServiceProxies({
      store,
      runtime,
      recorder: new EventRecorder(store, { component: 'service-proxy' }),
      proxyImage,
      nodePortsOnHost: podsUnreachable.then((unreachable) => !unreachable),
    }),
  );
  controllers.add(clusterDns);
  controllers.add(kubelet);
  kubelet.start();
  controllers.add(metrics);
  controllers.add(
    new HorizontalPodAutoscalerController(
      store,
      metrics,
      new EventRecorder(store, { component: 'horizontal-pod-autoscaler' }),
    ),
  );
  metrics.start();
  // Argo Rollouts' CRDs are large (~1.3 MB of schema): made after start, so the API answers without waiting.
  void ensureArgoRolloutsCrds(store).catch((err: Error) =>
    log(`could not create Argo Rollouts' CRDs: ${err.message}`),
  );

  return {
    port,
    apiUrl,
    uiUrl: `${uiOrigin}/#token=${token}`,
    uiOrigin,
    ingressUrl: `http://127.0.0.1:${ingressPort}`,
    token,
    kubeconfigPath,
    engine,
    kubelet,
    async stop() {
      await kubelet.drain(10_000);
      controllers.dispose();
      forwards.dispose();
      await gateway.stop();
      await inClusterApi.stop();
      clusters.dispose();
      await server.close();
      await journal.close();
      await lock.release();
    },
  };
}

function establishedCrds(store: ObjectStore): CustomResourceDefinition[] {
  return (store.list(customResourceDefinitionType).items as CustomResourceDefinition[]).filter(isEstablished);
}
