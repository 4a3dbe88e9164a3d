import type { KubeObject } from '../shared/api-types';
import { BUILD_LINK_ANNOTATION, type BuildLink } from '../shared/build-link';
import { convertHealthcheck } from './convert-healthcheck';
import { convertDeploy } from './convert-deploy';
import { isObj, kubeName, pairs, parseEnvFile, str, type Notes, type Obj } from './compose-values';
import { inNodePortRange, NODE_PORT_RANGE, servicePorts } from './service-ports';
import { serviceMounts, type ProjectRefs } from './service-mounts';
import { shellWords } from './shell-words';
import { posix } from 'node:path';

export interface ServiceContext extends ProjectRefs {
  project: string;
  namespaceLabels: Record<string, string>;
  files: Record<string, string>;
  environment: Record<string, string>;
}

/** Keys this converter reads; any other key of a service gets a "dropped" note naming it. */
const HANDLED = new Set([
  'image',
  'build',
  'command',
  'entrypoint',
  'environment',
  'env_file',
  'working_dir',
  'user',
  'labels',
  'ports',
  'expose',
  'volumes',
  'tmpfs',
  'secrets',
  'configs',
  'healthcheck',
  'deploy',
  'scale',
  'depends_on',
  'restart',
  'container_name',
  'hostname',
  'networks',
  'links',
  'tty',
  'stdin_open',
  'stop_grace_period',
  'extra_hosts',
  'pull_policy',
  'read_only',
  'mem_limit',
  'cpus',
  'mem_reservation',
  'profiles',
  'network_mode',
  'privileged',
  'cap_add',
  'cap_drop',
  'devices',
  'pid',
  'ipc',
  'platform',
  'runtime',
  'stop_signal',
  'init',
  'logging',
  'security_opt',
  'sysctls',
  'ulimits',
  'shm_size',
  'dns',
  'domainname',
]);

const UNSUPPORTED: Record<string, string> = {
  privileged: 'Skiff does not run privileged containers (admission refuses securityContext.privileged)',
  cap_add: 'added Linux capabilities are not carried to the container',
  cap_drop: 'dropped Linux capabilities are not carried to the container',
  devices: 'host devices are not passed into pods',
  pid: 'sharing the host’s or another container’s PID namespace is not supported (hostPID is refused)',
  ipc: 'sharing an IPC namespace is not supported (hostIPC is refused)',
  platform: 'the engine runs its own platform; there is no per-pod platform',
  runtime: 'a pod cannot pick the engine’s OCI runtime',
  stop_signal: 'Kubernetes stops containers with SIGTERM (an image’s STOPSIGNAL still applies)',
  init: 'no init process is injected (Kubernetes has no such option)',
  logging: 'the engine’s log driver is Skiff’s; pod logs are read through the API',
  security_opt: 'security options (seccomp, apparmor labels) are not carried',
  sysctls: 'sysctls are not carried',
  ulimits: 'ulimits are not carried',
  shm_size: 'the size of /dev/shm is the engine’s default',
  dns: 'custom DNS servers are not carried: pods use the cluster DNS',
  domainname: 'the domain name is not carried',
  mem_reservation: 'memory reservations become no request (use deploy.resources.reservations)',
};

function commandOf(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.map(String);
  const text = str(value);
  return text === undefined ? undefined : shellWords(text);
}

function environmentOf(service: Obj, field: string, ctx: ServiceContext, notes: Notes): Obj[] {
  const env: Obj[] = [];
  for (const [name, value] of pairs(service.environment)) {
    const resolved = value ?? ctx.environment[name];
    if (resolved === undefined) {
      notes.dropped(
        `${field}.environment.${name}`,
        'has no value here (Compose takes it from the shell); left out',
      );
      continue;
    }
    env.push({ name, value: resolved });
  }
  if (env.length) notes.mapped(`${field}.environment`, `${env.length} variable(s) → the container's env`);
  return env;
}

function envFileConfigMap(service: Obj, name: string, field: string, ctx: ServiceContext, notes: Notes) {
  const entries =
    service.env_file === undefined
      ? []
      : Array.isArray(service.env_file)
        ? service.env_file
        : [service.env_file];
  const data: Record<string, string> = {};
  entries.forEach((entry, i) => {
    const path = isObj(entry) ? str(entry.path) : str(entry);
    const required = isObj(entry) ? entry.required !== false : true;
    const text = path === undefined ? undefined : (ctx.files[path] ?? ctx.files[posix.normalize(path)]);
    if (text === undefined) {
      if (required)
        notes.dropped(
          `${field}.env_file[${i}]`,
          `the file "${path}" was not given (send it in "files"); its variables are missing`,
        );
      return;
    }
    for (const [k, v] of parseEnvFile(text)) data[k] = v;
  });
  if (!Object.keys(data).length) return undefined;
  notes.changed(
    `${field}.env_file`,
    `→ ConfigMap "${name}-env" (envFrom); ${Object.keys(data).length} variable(s). A ConfigMap is not secret: move passwords to a Secret`,
  );
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${name}-env`, labels: ctx.namespaceLabels },
    data,
  } as KubeObject;
}

function securityContextOf(service: Obj, field: string, notes: Notes): Obj | undefined {
  const sc: Obj = {};
  const user = str(service.user);
  if (user !== undefined) {
    const m = /^(\d+)(?::(\d+))?$/.exec(user);
    if (m) {
      sc.runAsUser = Number(m[1]);
      if (m[2]) sc.runAsGroup = Number(m[2]);
      notes.mapped(`${field}.user`, `→ securityContext.runAsUser${m[2] ? '/runAsGroup' : ''}`);
    } else
      notes.dropped(
        `${field}.user`,
        `"${user}" is a name: Kubernetes takes numeric IDs only (runAsUser), so the image's own USER applies; write the user's uid to keep it`,
      );
  }
  if (service.read_only === true) {
    sc.readOnlyRootFilesystem = true;
    notes.mapped(`${field}.read_only`, '→ securityContext.readOnlyRootFilesystem');
  }
  return Object.keys(sc).length ? sc : undefined;
}

/** One Compose service → a Deployment, a Service when it has ports, a ConfigMap for its env files. */
export function convertService(
  serviceName: string,
  service: Obj,
  ctx: ServiceContext,
  notes: Notes,
): KubeObject[] {
  const field = `services.${serviceName}`;
  const name = kubeName(serviceName);
  if (name !== serviceName)
    notes.changed(field, `named "${name}" (Kubernetes names are lowercase letters, digits and "-")`);
  const selector = { 'skiff.io/compose-project': ctx.project, 'skiff.io/compose-service': name };
  const labels = { ...ctx.namespaceLabels, 'skiff.io/compose-service': name };
  const objects: KubeObject[] = [];
  const annotations: Record<string, string> = {};

  let image = str(service.image);
  const build = isObj(service.build)
    ? service.build
    : str(service.build)
      ? { context: service.build }
      : undefined;
  if (build) {
    const context = str(build.context) ?? '.';
    const folder = context.startsWith('/')
      ? context
      : ctx.directory
        ? posix.join(ctx.directory, context)
        : undefined;
    if (!image) image = `${ctx.project}-${serviceName}`;
    if (folder && !/^[a-z]+:\/\/|^git@/.test(context)) {
      const link: BuildLink = {
        container: name,
        context: folder,
        ...(str(build.dockerfile) ? { dockerfile: str(build.dockerfile) } : {}),
        ...(str(build.target) ? { target: str(build.target) } : {}),
        ...(build.args
          ? {
              buildArgs: Object.fromEntries(
                pairs(build.args).filter((p): p is [string, string] => p[1] !== undefined),
              ),
            }
          : {}),
      };
      annotations[BUILD_LINK_ANNOTATION] = JSON.stringify(link);
      notes.changed(
        `${field}.build`,
        `linked to the folder ${folder}: Skiff builds it (Build, or POST /apis/ui.skiff.io/v1/builds) and rolls this Deployment to each build; until then the image "${image}" must exist locally`,
      );
    } else
      notes.dropped(
        `${field}.build`,
        `Skiff cannot build from a pasted file (the build context "${context}" is a folder next to it): the image "${image}" is used; build it from its folder with Skiff's Build and link it to this Deployment, or give "directory"`,
      );
  }
  if (!image) {
    notes.dropped(field, 'has neither image nor build: no Deployment made');
    return [];
  }
  const container: Obj = { name, image };
  if (service.pull_policy !== undefined) {
    const policy = {
      always: 'Always',
      never: 'Never',
      missing: 'IfNotPresent',
      if_not_present: 'IfNotPresent',
      build: 'Never',
    }[String(service.pull_policy)];
    if (policy) container.imagePullPolicy = policy;
  } else if (build) container.imagePullPolicy = 'Never';
  const entrypoint = commandOf(service.entrypoint);
  const command = commandOf(service.command);
  if (entrypoint) {
    container.command = entrypoint;
    notes.mapped(
      `${field}.entrypoint`,
      '→ the container\'s command (it replaces the image\'s ENTRYPOINT, and its CMD unless "command" is set)',
    );
  }
  if (command) {
    container.args = command;
    notes.mapped(`${field}.command`, "→ the container's args (they replace the image's CMD)");
  }
  const env = environmentOf(service, field, ctx, notes);
  if (env.length) container.env = env;
  const envMap = envFileConfigMap(service, name, field, ctx, notes);
  if (envMap) {
    objects.push(envMap);
    container.envFrom = [{ configMapRef: { name: envMap.metadata.name } }];
  }
  if (str(service.working_dir)) {
    container.workingDir = str(service.working_dir);
    notes.mapped(`${field}.working_dir`, '→ workingDir');
  }
  const securityContext = securityContextOf(service, field, notes);
  if (securityContext) container.securityContext = securityContext;
  if (service.tty === true) container.tty = true;
  if (service.stdin_open === true) container.stdin = true;

  const ports = servicePorts(service.ports, service.expose, field, notes);
  if (ports.length) container.ports = ports.map((p) => ({ containerPort: p.target, protocol: p.protocol }));
  const probe = convertHealthcheck(service.healthcheck, `${field}.healthcheck`, notes);
  if (probe) container.readinessProbe = probe;

  const limits: Obj = {};
  const mounts = serviceMounts(service, field, ctx, notes);
  if (mounts.mounts.length) container.volumeMounts = mounts.mounts;

  const podSpec: Obj = { containers: [container] };
  if (mounts.volumes.length) podSpec.volumes = mounts.volumes;
  const hostname = str(service.hostname);
  if (hostname && /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(hostname)) {
    podSpec.hostname = hostname;
    notes.mapped(
      `${field}.hostname`,
      "→ the pod's hostname (other services still reach it by the service name)",
    );
  } else if (hostname) notes.dropped(`${field}.hostname`, `"${hostname}" is not a DNS label; left out`);
  if (service.extra_hosts !== undefined) {
    const byIp = new Map<string, string[]>();
    for (const [key, value] of pairs(service.extra_hosts)) {
      const colon = key.indexOf(':');
      const [host, ip] = value !== undefined ? [key, value] : [key.slice(0, colon), key.slice(colon + 1)];
      if (host && ip) byIp.set(ip, [...(byIp.get(ip) ?? []), host]);
    }
    podSpec.hostAliases = [...byIp].map(([ip, hostnames]) => ({ ip, hostnames }));
    notes.mapped(`${field}.extra_hosts`, '→ hostAliases');
  }
  const grace = str(service.stop_grace_period);
  if (grace) {
    const m = /^(\d+)(s|m)?$/.exec(grace);
    if (m) {
      podSpec.terminationGracePeriodSeconds = Number(m[1]) * (m[2] === 'm' ? 60 : 1);
      notes.mapped(`${field}.stop_grace_period`, '→ terminationGracePeriodSeconds');
    }
  }
  const deploy = convertDeploy(service, field, notes, limits);
  if (Object.keys(limits).length) container.resources = limits;

  const podAnnotations: Record<string, string> = {};
  for (const [k, v] of pairs(service.labels)) podAnnotations[k] = v ?? '';
  if (Object.keys(podAnnotations).length)
    notes.changed(
      `${field}.labels`,
      '→ pod annotations (container labels are free text; Kubernetes labels are not)',
    );

  const restart = str(service.restart) ?? 'no';
  if (restart === 'always' || restart === 'unless-stopped')
    notes.mapped(`${field}.restart`, `"${restart}" → the pod restarts its container (restartPolicy Always)`);
  else
    notes.changed(
      `${field}.restart`,
      `"${restart}"${service.restart === undefined ? ' (the default)' : ''}: a Deployment's pods always restart their container (restartPolicy Always); use a Job for run-once work`,
    );
  if (service.depends_on !== undefined) {
    const deps = Array.isArray(service.depends_on)
      ? service.depends_on.map(String)
      : isObj(service.depends_on)
        ? Object.keys(service.depends_on)
        : [];
    notes.changed(
      `${field}.depends_on`,
      `${deps.join(', ')}: Kubernetes has no start order; all pods start at once and a container that exits because ${deps.length > 1 ? 'they are' : 'it is'} not up yet is restarted with backoff. Readiness probes (from healthcheck) keep traffic away until ready`,
    );
  }
  if (service.links !== undefined)
    notes.changed(
      `${field}.links`,
      'not needed: every service reaches every other by its name; link aliases are not kept',
    );
  if (service.networks !== undefined)
    notes.changed(
      `${field}.networks`,
      "one network per namespace: every service reaches every other by name; Compose's network separation and aliases are not kept",
    );
  if (service.container_name !== undefined)
    notes.changed(`${field}.container_name`, `pod names are generated; reach it as "${name}"`);
  if (service.network_mode !== undefined)
    notes.dropped(
      `${field}.network_mode`,
      `"${str(service.network_mode)}": pods run on their namespace's network; the host's network (hostNetwork) and other containers' networks are not supported`,
    );
  for (const [key, why] of Object.entries(UNSUPPORTED))
    if (service[key] !== undefined) notes.dropped(`${field}.${key}`, `${why}; left out`);
  for (const key of Object.keys(service))
    if (!HANDLED.has(key) && !key.startsWith('x-')) notes.dropped(`${field}.${key}`, 'not converted');

  objects.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: {
      ...deploy,
      selector: { matchLabels: selector },
      template: {
        metadata: {
          labels: { ...labels, ...selector },
          ...(Object.keys(podAnnotations).length ? { annotations: podAnnotations } : {}),
        },
        spec: podSpec,
      },
    },
  });
  if (ports.length) objects.push(serviceObject(name, labels, selector, ports, field, notes));
  else
    notes.changed(
      field,
      'has no ports or expose: no Service, so other services cannot reach it by name (Compose lets them reach any port)',
    );
  return objects;
}

function serviceObject(
  name: string,
  labels: Record<string, string>,
  selector: Record<string, string>,
  ports: ReturnType<typeof servicePorts>,
  field: string,
  notes: Notes,
): KubeObject {
  const published = ports.some((p) => p.published !== undefined);
  const spec: Obj = {
    type: published ? 'NodePort' : 'ClusterIP',
    selector,
    ports: ports.map((p) => ({
      name: `${p.protocol.toLowerCase()}-${p.target}`,
      port: p.target,
      targetPort: p.target,
      protocol: p.protocol,
      ...(p.published !== undefined && inNodePortRange(p.published) ? { nodePort: p.published } : {}),
    })),
  };
  for (const p of ports) {
    const where = `Service "${name}" port ${p.target}/${p.protocol}`;
    if (p.published === undefined)
      notes.mapped(`${field}.expose`, `${where}: reachable from other services as ${name}:${p.target}`);
    else if (inNodePortRange(p.published))
      notes.mapped(`${field}.ports`, `${where}: published on 127.0.0.1:${p.published} (NodePort)`);
    else
      notes.changed(
        `${field}.ports`,
        `${where}: host port ${p.published} becomes a NodePort Skiff picks in ${NODE_PORT_RANGE} on 127.0.0.1 (see the Service, or use "Open in browser"/port-forward for ${p.published})`,
      );
  }
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, labels }, spec };
}
