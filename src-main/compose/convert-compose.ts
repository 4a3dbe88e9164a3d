import { load } from 'js-yaml';
import type { KubeObject } from '../shared/api-types';
import { ComposeError, type ComposeConversion, type ComposeInput } from './compose-types';
import { isObj, kubeName, Notes, str, type Obj } from './compose-values';
import { convertService, type ServiceContext } from './convert-service';
import { interpolateAll } from './interpolate';

const TOP_LEVEL = new Set(['version', 'name', 'services', 'volumes', 'secrets', 'configs', 'networks']);

function parse(text: string): Obj {
  let doc: unknown;
  try {
    doc = load(text, { json: true });
  } catch (err) {
    throw new ComposeError('compose', `not YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!isObj(doc)) throw new ComposeError('compose', 'must be a YAML mapping with a "services" key');
  if (!isObj(doc.services) || !Object.keys(doc.services).length)
    throw new ComposeError('compose.services', 'must map at least one service name to its definition');
  return doc;
}

/** `secrets:`/`configs:` → one Secret/ConfigMap each, its value from `files`, `environment` or inline `content`. */
function fileObjects(kind: 'secrets' | 'configs', doc: Obj, ctx: ServiceContext, notes: Notes): KubeObject[] {
  const declared = isObj(doc[kind]) ? doc[kind] : {};
  const objects: KubeObject[] = [];
  for (const [composeName, def] of Object.entries(declared)) {
    const at = `${kind}.${composeName}`;
    const name = kubeName(composeName);
    const key = /^[-._a-zA-Z0-9]+$/.test(composeName) ? composeName : name;
    const kindName = kind === 'secrets' ? 'Secret' : 'ConfigMap';
    ctx[kind].set(composeName, {
      name: isObj(def) && def.external === true ? kubeName(str(def.name) ?? composeName) : name,
      key,
    });
    if (!isObj(def)) {
      notes.dropped(at, 'must be a mapping with file, environment or content; left out');
      continue;
    }
    if (def.external === true) {
      notes.changed(
        at,
        `external: the ${kindName} "${ctx[kind].get(composeName)!.name}" must exist already with the key "${key}"`,
      );
      continue;
    }
    let value: string | undefined;
    let from = '';
    if (str(def.file) !== undefined) {
      from = `the file ${str(def.file)}`;
      value = ctx.files[str(def.file)!];
    } else if (str(def.environment) !== undefined) {
      from = `the variable ${str(def.environment)}`;
      value = ctx.environment[str(def.environment)!];
    } else if (str(def.content) !== undefined) {
      from = 'inline content';
      value = str(def.content);
    }
    if (value === undefined)
      notes.changed(
        at,
        `${kindName} "${name}" is made with an empty "${key}": ${from || 'no source'} was not given; set its value before the pods need it`,
      );
    else notes.mapped(at, `→ ${kindName} "${name}" key "${key}" from ${from}`);
    const labels = ctx.namespaceLabels;
    objects.push(
      kind === 'secrets'
        ? {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name, labels },
            type: 'Opaque',
            stringData: { [key]: value ?? '' },
          }
        : { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data: { [key]: value ?? '' } },
    );
  }
  return objects;
}

function claimObjects(doc: Obj, ctx: ServiceContext, notes: Notes): KubeObject[] {
  const declared = isObj(doc.volumes) ? doc.volumes : {};
  const objects: KubeObject[] = [];
  for (const [composeName, def] of Object.entries(declared)) {
    const at = `volumes.${composeName}`;
    const spec = isObj(def) ? def : {};
    const name = kubeName(spec.external === true ? (str(spec.name) ?? composeName) : composeName);
    ctx.claims.set(composeName, name);
    if (spec.external === true) {
      notes.changed(at, `external: the PersistentVolumeClaim "${name}" must exist already`);
      continue;
    }
    if (spec.driver !== undefined || spec.driver_opts !== undefined)
      notes.dropped(
        `${at}.driver`,
        'volume drivers and their options are not carried: the claim gets the default StorageClass',
      );
    notes.mapped(
      at,
      `→ PersistentVolumeClaim "${name}" (1Gi, ReadWriteOnce; a Docker volume that outlives pods)`,
    );
    objects.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, labels: ctx.namespaceLabels },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
  }
  return objects;
}

const ORDER = ['PersistentVolumeClaim', 'Secret', 'ConfigMap', 'Service', 'Deployment'];

/** A Compose file → Kubernetes objects, each mapping (and each part left out) explained in `notes`. Pure. */
export function convertCompose(input: ComposeInput): ComposeConversion {
  const unset = new Set<string>();
  const environment = input.environment ?? {};
  const doc = interpolateAll(parse(input.compose), environment, unset) as Obj;
  const project = kubeName(input.project ?? str(doc.name) ?? 'compose');
  const notes = new Notes();
  for (const variable of unset)
    notes.changed(
      'compose',
      `the variable ${variable} is not set: an empty string is used (as docker compose does)`,
    );
  const ctx: ServiceContext = {
    project,
    namespaceLabels: { 'app.kubernetes.io/part-of': project, 'skiff.io/compose-project': project },
    files: input.files ?? {},
    environment,
    directory: input.directory,
    claims: new Map(),
    secrets: new Map(),
    configs: new Map(),
  };
  const objects = [
    ...claimObjects(doc, ctx, notes),
    ...fileObjects('secrets', doc, ctx, notes),
    ...fileObjects('configs', doc, ctx, notes),
  ];
  const names = new Set<string>();
  for (const [serviceName, service] of Object.entries(doc.services as Obj)) {
    if (!isObj(service)) {
      notes.dropped(`services.${serviceName}`, 'must be a mapping; left out');
      continue;
    }
    if (Array.isArray(service.profiles) && service.profiles.length) {
      notes.dropped(
        `services.${serviceName}.profiles`,
        `only started with a profile (${service.profiles.join(', ')}) in Compose; left out`,
      );
      continue;
    }
    const name = kubeName(serviceName);
    if (names.has(name)) {
      notes.dropped(
        `services.${serviceName}`,
        `its Kubernetes name "${name}" is another service's; left out`,
      );
      continue;
    }
    names.add(name);
    objects.push(...convertService(serviceName, service, ctx, notes));
  }
  if (doc.networks !== undefined)
    notes.changed(
      'networks',
      'one network per namespace: Compose networks are not made; every service reaches every other by name',
    );
  for (const key of Object.keys(doc))
    if (!TOP_LEVEL.has(key) && !key.startsWith('x-'))
      notes.dropped(key, 'not converted (include, extends and models are not supported)');
  if (doc.version !== undefined)
    notes.mapped('version', 'ignored, as docker compose does (the Compose specification has no versions)');
  objects.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  return { project, objects, notes: notes.list };
}
