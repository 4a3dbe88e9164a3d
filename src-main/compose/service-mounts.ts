import { posix } from 'node:path';
import { isObj, kubeName, str, type Notes, type Obj } from './compose-values';

export interface Mounts {
  volumes: Obj[];
  mounts: Obj[];
}

/** What the project-level converter made of `volumes:`, `secrets:` and `configs:`. */
export interface ProjectRefs {
  /** Compose volume name → PVC name. */
  claims: Map<string, string>;
  /** Compose secret name → Secret name and its key. */
  secrets: Map<string, { name: string; key: string }>;
  configs: Map<string, { name: string; key: string }>;
  directory?: string;
}

interface VolumeEntry {
  type: string;
  source?: string;
  target: string;
  readOnly: boolean;
}

function parseVolume(entry: unknown): VolumeEntry | string {
  if (isObj(entry)) {
    const target = str(entry.target);
    if (!target) return 'needs a target path';
    return {
      type: str(entry.type) ?? 'volume',
      source: str(entry.source),
      target,
      readOnly: !!entry.read_only,
    };
  }
  const text = str(entry);
  if (!text) return 'write "source:target[:ro]" or the long syntax';
  const parts = text.split(':');
  if (parts.length === 1) return { type: 'volume', target: parts[0]!, readOnly: false };
  const [source, target, mode = ''] = parts as [string, string, string?];
  const bind = source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
  return { type: bind ? 'bind' : 'volume', source, target, readOnly: mode.split(',').includes('ro') };
}

/** A service's `volumes:`, `tmpfs:`, `secrets:` and `configs:` as pod volumes and container mounts. */
export function serviceMounts(service: Obj, field: string, refs: ProjectRefs, notes: Notes): Mounts {
  const out: Mounts = { volumes: [], mounts: [] };
  const addVolume = (volume: Obj, mount: Obj) => {
    if (!out.volumes.some((v) => v.name === volume.name)) out.volumes.push(volume);
    out.mounts.push({ name: volume.name, ...mount });
  };
  const volumes = Array.isArray(service.volumes) ? service.volumes : [];
  volumes.forEach((entry, i) => {
    const at = `${field}.volumes[${i}]`;
    const v = parseVolume(entry);
    if (typeof v === 'string') return notes.dropped(at, `${v}; left out`);
    const mount = { mountPath: v.target, ...(v.readOnly ? { readOnly: true } : {}) };
    if (v.type === 'volume' && !v.source) {
      addVolume({ name: `anon-${out.volumes.length}`, emptyDir: {} }, mount);
      return notes.changed(
        at,
        `an anonymous volume at ${v.target} becomes an emptyDir: it lives as long as the pod`,
      );
    }
    if (v.type === 'volume') {
      const claim = refs.claims.get(v.source!) ?? kubeName(v.source!);
      addVolume({ name: `vol-${claim}`.slice(0, 63), persistentVolumeClaim: { claimName: claim } }, mount);
      return notes.mapped(
        at,
        `named volume "${v.source}" → PersistentVolumeClaim "${claim}" mounted at ${v.target}`,
      );
    }
    if (v.type === 'tmpfs') {
      addVolume({ name: `tmpfs-${out.volumes.length}`, emptyDir: { medium: 'Memory' } }, mount);
      return notes.mapped(at, `tmpfs → emptyDir in memory at ${v.target}`);
    }
    if (v.type === 'bind') {
      const source = v.source!;
      const path = source.startsWith('/')
        ? source
        : refs.directory && !source.startsWith('~')
          ? posix.join(refs.directory, source)
          : undefined;
      if (!path)
        return notes.dropped(
          at,
          `bind mount of "${source}": a relative host path needs the Compose file's folder (give "directory"); left out`,
        );
      addVolume({ name: `bind-${out.volumes.length}`, hostPath: { path } }, mount);
      return notes.changed(
        at,
        `bind mount → hostPath ${path} (a path on the machine running Skiff's engine)`,
      );
    }
    notes.dropped(at, `volume type "${v.type}" has no Kubernetes equivalent here; left out`);
  });
  const tmpfs =
    service.tmpfs === undefined ? [] : Array.isArray(service.tmpfs) ? service.tmpfs : [service.tmpfs];
  tmpfs.forEach((t, i) => {
    const target = String(t).split(':')[0]!;
    addVolume({ name: `tmpfs-t${i}`, emptyDir: { medium: 'Memory' } }, { mountPath: target });
    notes.mapped(`${field}.tmpfs[${i}]`, `tmpfs → emptyDir in memory at ${target}`);
  });
  for (const kind of ['secrets', 'configs'] as const) {
    const list = Array.isArray(service[kind]) ? (service[kind] as unknown[]) : [];
    list.forEach((entry, i) => {
      const at = `${field}.${kind}[${i}]`;
      const source = isObj(entry) ? str(entry.source) : str(entry);
      const ref = source ? refs[kind].get(source) : undefined;
      if (!source || !ref)
        return notes.dropped(at, `"${source ?? '?'}" is not declared under top-level ${kind}; left out`);
      const given = isObj(entry) ? str(entry.target) : undefined;
      const target =
        kind === 'secrets'
          ? given?.startsWith('/')
            ? given
            : `/run/secrets/${given ?? source}`
          : (given ?? `/${source}`);
      const mode =
        isObj(entry) && entry.mode !== undefined ? Number.parseInt(String(entry.mode), 8) : undefined;
      const volumeSource = {
        items: [{ key: ref.key, path: ref.key }],
        ...(mode !== undefined && !Number.isNaN(mode) ? { defaultMode: mode } : {}),
      };
      const volume =
        kind === 'secrets'
          ? { name: `secret-${ref.name}`.slice(0, 63), secret: { secretName: ref.name, ...volumeSource } }
          : { name: `config-${ref.name}`.slice(0, 63), configMap: { name: ref.name, ...volumeSource } };
      addVolume(volume, { mountPath: target, subPath: ref.key, readOnly: true });
      notes.mapped(
        at,
        `${kind === 'secrets' ? 'Secret' : 'ConfigMap'} "${ref.name}" key "${ref.key}" mounted as the file ${target}` +
          (isObj(entry) && (entry.uid !== undefined || entry.gid !== undefined)
            ? ' (uid/gid are not carried: the file belongs to root)'
            : ''),
      );
    });
  }
  return out;
}
