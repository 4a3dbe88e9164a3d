'use strict';
// Writes src-main/server/protobuf/kube-messages.ts: the field table of every kind of the API groups below, with
// each field's exact Go type (int32 or int64, string, bool, repeated, map, IntOrString, Quantity, Time). Two
// readers: the protobuf decoder (the `application/vnd.kubernetes.protobuf` bodies kubectl sends for create and
// autoscale, for the kinds in ROOTS) and the structural check every request body passes before admission
// (src-main/store/schema/check-structure.ts, for every kind: a kind registered later is covered already).
//
// The source is the set of FileDescriptorProtos that Kubernetes' generated.pb.go files register and that are
// therefore compiled, gzipped, into every kubectl binary: exactly the generated.proto files of k8s.io/api and
// k8s.io/apimachinery for that release, plus the gogoproto options the .proto text on GitHub has stripped.
// One of those options matters here: `(gogoproto.nullable) = false` marks a Go value field (not a pointer),
// whose zero value Go cannot tell from "unset" — so neither do we (see kube-schema.ts).
//
//   node scripts/generate-kube-protobuf-schema.js [path/to/kubectl]   (default: kubectl 1.32 of the e2e tests)
//   npx prettier --write src-main/server/protobuf/kube-messages.ts
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const zlib = require('node:zlib');

const KUBECTL = process.argv[2] ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
const OUT = join(__dirname, '..', 'src-main', 'server', 'protobuf', 'kube-messages.ts');

/** apiVersion/kind → the message of that kind: the kinds Skiff serves and may be sent as protobuf. */
const ROOTS = {
  'v1/Namespace': 'core.v1.Namespace',
  'v1/ConfigMap': 'core.v1.ConfigMap',
  'v1/Secret': 'core.v1.Secret',
  'v1/Service': 'core.v1.Service',
  'v1/Pod': 'core.v1.Pod',
  'v1/Node': 'core.v1.Node',
  'v1/Event': 'core.v1.Event',
  'v1/Endpoints': 'core.v1.Endpoints',
  'v1/PersistentVolumeClaim': 'core.v1.PersistentVolumeClaim',
  'v1/PersistentVolume': 'core.v1.PersistentVolume',
  'apps/v1/Deployment': 'apps.v1.Deployment',
  'apps/v1/ReplicaSet': 'apps.v1.ReplicaSet',
  'apps/v1/StatefulSet': 'apps.v1.StatefulSet',
  'apps/v1/DaemonSet': 'apps.v1.DaemonSet',
  'apps/v1/ControllerRevision': 'apps.v1.ControllerRevision',
  'autoscaling/v1/HorizontalPodAutoscaler': 'autoscaling.v1.HorizontalPodAutoscaler',
  'autoscaling/v1/Scale': 'autoscaling.v1.Scale',
  'autoscaling/v2/HorizontalPodAutoscaler': 'autoscaling.v2.HorizontalPodAutoscaler',
  'storage.k8s.io/v1/StorageClass': 'storage.v1.StorageClass',
  'discovery.k8s.io/v1/EndpointSlice': 'discovery.v1.EndpointSlice',
  'networking.k8s.io/v1/Ingress': 'networking.v1.Ingress',
  'batch/v1/Job': 'batch.v1.Job',
  'batch/v1/CronJob': 'batch.v1.CronJob',
  'networking.k8s.io/v1/IngressClass': 'networking.v1.IngressClass',
  'v1/ReplicationController': 'core.v1.ReplicationController',
  'policy/v1/PodDisruptionBudget': 'policy.v1.PodDisruptionBudget',
  'v1/ResourceQuota': 'core.v1.ResourceQuota',
  'v1/LimitRange': 'core.v1.LimitRange',
  'scheduling.k8s.io/v1/PriorityClass': 'scheduling.v1.PriorityClass',
  'networking.k8s.io/v1/NetworkPolicy': 'networking.v1.NetworkPolicy',
  'v1/ServiceAccount': 'core.v1.ServiceAccount',
  'rbac.authorization.k8s.io/v1/Role': 'rbac.v1.Role',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'rbac.v1.ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'rbac.v1.RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'rbac.v1.ClusterRoleBinding',
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration':
    'admissionregistration.v1.ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration':
    'admissionregistration.v1.MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy':
    'admissionregistration.v1.ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding':
    'admissionregistration.v1.ValidatingAdmissionPolicyBinding',
  // what `kubectl create token` and `kubectl auth can-i` send
  'authentication.k8s.io/v1/TokenRequest': 'authentication.v1.TokenRequest',
  'authorization.k8s.io/v1/SelfSubjectAccessReview': 'authorization.v1.SelfSubjectAccessReview',
  // DeleteOptions is registered in meta.k8s.io/v1 and in every group version: client-go may name any of them.
  '*/DeleteOptions': 'meta.v1.DeleteOptions',
};

/**
 * The API group of each protobuf package whose kinds the structural check knows (every message with
 * `metadata ObjectMeta` as field 1 is a kind). GA versions of the groups a local cluster serves.
 */
const KIND_PACKAGES = {
  'core.v1': '',
  'apps.v1': 'apps',
  'batch.v1': 'batch',
  'autoscaling.v1': 'autoscaling',
  'autoscaling.v2': 'autoscaling',
  'policy.v1': 'policy',
  'networking.v1': 'networking.k8s.io',
  'discovery.v1': 'discovery.k8s.io',
  'storage.v1': 'storage.k8s.io',
  'node.v1': 'node.k8s.io',
  'scheduling.v1': 'scheduling.k8s.io',
  'coordination.v1': 'coordination.k8s.io',
  'rbac.v1': 'rbac.authorization.k8s.io',
  'events.v1': 'events.k8s.io',
  'certificates.v1': 'certificates.k8s.io',
  'admissionregistration.v1': 'admissionregistration.k8s.io',
};

/** Messages with a JSON form of their own (custom MarshalJSON in Go), and their fields as a check. */
const SPECIAL = {
  'meta.v1.Time': ['time', '1 seconds int64, 2 nanos int32'],
  'meta.v1.MicroTime': ['microTime', '1 seconds int64, 2 nanos int32'],
  'meta.v1.Duration': ['duration', '1 duration int64'],
  'meta.v1.FieldsV1': ['rawJson', '1 Raw bytes'],
  'runtime.RawExtension': ['rawJson', '1 raw bytes'],
  'intstr.IntOrString': ['intOrString', '1 type int64, 2 intVal int32, 3 strVal string'],
  'resource.Quantity': ['quantity', '1 string string'],
};

/**
 * Value fields whose zero is meaningful and which Skiff reads as "missing" when absent: kept like pointers.
 * A Scale of 0 replicas is a request to scale to zero.
 */
const KEEP_ZERO = new Set(['autoscaling.v1.ScaleSpec.replicas']);

const SCALAR = {
  1: 'double',
  2: 'float',
  3: 'int64',
  4: 'uint64',
  5: 'int32',
  8: 'bool',
  9: 'string',
  12: 'bytes',
  13: 'uint32',
};

// --- a minimal protobuf reader, enough for descriptors -------------------------------------------------------
function fields(buf) {
  const out = [];
  let p = 0;
  const varint = () => {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (p >= buf.length) throw new Error('truncated varint');
      const byte = buf[p++];
      value |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return value;
    }
  };
  while (p < buf.length) {
    const key = Number(varint());
    const number = key >>> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ number, value: Number(varint()) });
    else if (wire === 2) {
      const length = Number(varint());
      if (p + length > buf.length) throw new Error('truncated field');
      out.push({ number, bytes: buf.subarray(p, p + length) });
      p += length;
    } else if (wire === 1) p += 8;
    else if (wire === 5) p += 4;
    else throw new Error(`wire type ${wire}`);
  }
  return out;
}
const str = (fs, n) => fs.find((f) => f.number === n)?.bytes?.toString('utf8');
const num = (fs, n) => fs.find((f) => f.number === n)?.value;
const all = (fs, n) => fs.filter((f) => f.number === n).map((f) => fields(f.bytes));

/**
 * admissionregistration names some fields explicitly after the Go field (`Webhooks`, `Expression`, `Name`) while
 * their JSON names are lower-case; other capitalised .proto names are the JSON names too (DaemonEndpoint `Port`).
 */
const LOWER_FIRST_PACKAGES = new Set(['admissionregistration.v1']);

/**
 * go-to-protobuf names a field by lowering the first letter of its Go name, so a Go field `APIGroup` is
 * `aPIGroup` in the .proto while its JSON name is `apiGroup`: a leading acronym is lowered as a whole (its last
 * capital starts the next word when a lower-case letter follows).
 */
function jsonName(protoName) {
  const m = /^([a-z])([A-Z]+)(?=[A-Z][a-z]|$)/.exec(protoName);
  return m ? `${m[1]}${m[2].toLowerCase()}${protoName.slice(1 + m[2].length)}` : protoName;
}

/**
 * Go struct fields tagged `json:",inline"` (their fields sit in the parent's JSON object), read from the struct
 * tags in the binary's type data: "<Go field name> json:",inline" protobuf:"bytes,<number>,...", each string
 * preceded by its length. Returns "GoFieldName/number" keys, matched against gogoproto's customname.
 */
function inlineFields(binary) {
  const text = binary.toString('latin1');
  const found = new Set();
  for (const m of text.matchAll(/json:",inline" protobuf:"bytes,(\d+),[^"]*"/g)) {
    if (binary[m.index - 1] !== m[0].length) continue;
    for (let length = 1; length < 64; length++) {
      const start = m.index - 1 - length;
      const name = text.slice(start, m.index - 1);
      if (binary[start - 1] === length && /^[A-Z]\w*$/.test(name)) found.add(`${name}/${m[1]}`);
    }
  }
  return found;
}

/** The Kubernetes FileDescriptorProtos compiled into a Go binary (gzipped, one per generated.proto). */
function embeddedDescriptors(binary) {
  const files = [];
  for (let i = binary.indexOf(0x1f); i >= 0; i = binary.indexOf(0x1f, i + 1)) {
    if (binary[i + 1] !== 0x8b || binary[i + 2] !== 8) continue;
    let data;
    try {
      data = zlib.gunzipSync(binary.subarray(i, i + 4_000_000), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
      const file = fields(data);
      const name = str(file, 1);
      if (name?.startsWith('k8s.io/') && name.endsWith('/generated.proto')) files.push(file);
    } catch {
      // not a descriptor (or not gzip at all): keep scanning
    }
  }
  return files;
}

/** 'k8s.io.api.core.v1' → 'core.v1', 'k8s.io.apimachinery.pkg.apis.meta.v1' → 'meta.v1'. */
function shortPackage(pkg) {
  return pkg
    .replace(/^k8s\.io\.api\./, '')
    .replace(/^k8s\.io\.apimachinery\.pkg\.(apis\.|api\.|util\.)?/, '');
}

function indexMessages(files) {
  const messages = new Map(); // full name without the leading dot → DescriptorProto fields
  const visit = (prefix, message) => {
    const name = `${prefix}.${str(message, 1)}`;
    messages.set(name, message);
    for (const nested of all(message, 3)) visit(name, nested);
  };
  for (const file of files) for (const message of all(file, 4)) visit(str(file, 2), message);
  return messages;
}

function shortName(fullName) {
  const m = /^(.*)\.([A-Z][\w.]*)$/.exec(fullName);
  return `${shortPackage(m[1])}.${m[2]}`;
}

/** 'apps/v1/Deployment' → 'apps.v1.Deployment' for every kind of KIND_PACKAGES. */
function kindsOf(messages) {
  const kinds = {};
  for (const [full, message] of messages) {
    const name = shortName(full);
    const m = /^(\w+\.v\d\w*)\.(\w+)$/.exec(name);
    if (!m || KIND_PACKAGES[m[1]] === undefined) continue;
    const first = all(message, 2).find((f) => num(f, 3) === 1);
    if (
      !first ||
      str(first, 1) !== 'metadata' ||
      str(first, 6) !== '.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta'
    )
      continue;
    const group = KIND_PACKAGES[m[1]];
    const version = m[1].split('.')[1];
    kinds[`${group ? `${group}/` : ''}${version}/${m[2]}`] = name;
  }
  return Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b)));
}

function generate(messages, inline, kinds) {
  const fullOf = new Map([...messages.keys()].map((full) => [shortName(full), full]));
  const out = {};
  const pending = [...Object.values(ROOTS), ...Object.values(kinds)];
  const isMapEntry = (message) => all(message, 7).some((o) => num(o, 7) === 1);
  const fieldList = (message) =>
    all(message, 2).map((f) => ({
      name: str(f, 1),
      number: num(f, 3),
      label: num(f, 4),
      type: num(f, 5),
      typeName: str(f, 6)?.slice(1),
      oneof: num(f, 9),
      nullable: !all(f, 8).some((o) => num(o, 65001) === 0),
      customName: all(f, 8)
        .map((o) => str(o, 65004))
        .find(Boolean),
    }));

  const typeOf = (owner, f) => {
    if (SCALAR[f.type]) return SCALAR[f.type];
    if (f.type !== 11) throw new Error(`${owner}.${f.name}: unsupported field type ${f.type}`);
    const target = shortName(f.typeName);
    if (SPECIAL[target]) {
      const [kind, shape] = SPECIAL[target];
      const actual = fieldList(messages.get(f.typeName))
        .map((x) => `${x.number} ${x.name} ${SCALAR[x.type]}`)
        .join(', ');
      if (actual !== shape) throw new Error(`${target} changed shape: ${actual}`);
      return kind;
    }
    pending.push(target);
    return target;
  };

  while (pending.length > 0) {
    const name = pending.pop();
    if (out[name]) continue;
    const message = messages.get(fullOf.get(name));
    if (!message) throw new Error(`message ${name} not found in the descriptors`);
    const table = {};
    out[name] = table;
    for (const f of fieldList(message)) {
      const where = `${name}.${f.name}`;
      if (f.oneof !== undefined) throw new Error(`${where}: oneof is not supported`);
      let spec;
      const entry = f.type === 11 ? messages.get(f.typeName) : undefined;
      if (f.label === 3 && entry && isMapEntry(entry)) {
        const [key, value] = fieldList(entry);
        if (SCALAR[key.type] !== 'string') throw new Error(`${where}: map keys must be strings`);
        spec = `map<${typeOf(where, value)}>`;
      } else {
        spec = typeOf(where, f);
        if (f.label === 3) spec = `[]${spec}`;
        else if ((f.nullable || KEEP_ZERO.has(where)) && f.type !== 11 && spec !== 'bytes') spec += '?';
        else if (f.nullable && f.type === 11 && SPECIAL[shortName(f.typeName)]) spec += '?';
      }
      const json =
        LOWER_FIRST_PACKAGES.has(where.split('.').slice(0, 2).join('.')) && /^[A-Z][a-z]/.test(f.name)
          ? `${f.name[0].toLowerCase()}${f.name.slice(1)}`
          : jsonName(f.name);
      if (f.type === 11 && inline.has(`${f.customName}/${f.number}`)) table[f.number] = `...${json} ${spec}`;
      else table[f.number] = `${json} ${spec}`;
    }
  }
  return out;
}

/** A single-quoted TypeScript string (the table's strings never hold quotes or backslashes). */
const quote = (text) => `'${text}'`;

function render(version, table, kinds) {
  const lines = [
    `// Generated by scripts/generate-kube-protobuf-schema.js from the protobuf descriptors in kubectl ${version}`,
    '// (the generated.proto files of k8s.io/api and k8s.io/apimachinery). Do not edit; regenerate instead.',
    '// kube-schema.ts reads the field specs.',
    '',
    '/** apiVersion/kind (`*` for any apiVersion) → the message a protobuf body of that kind holds. */',
    'export const kubeRootMessages: Record<string, string> = {',
    ...Object.entries(ROOTS).map(([key, name]) => `  ${quote(key)}: ${quote(name)},`),
    '};',
    '',
    '/** apiVersion/kind → its message, for every kind of the API groups the structural check knows. */',
    'export const kubeKindMessages: Record<string, string> = {',
    ...Object.entries(kinds).map(([key, name]) => `  ${quote(key)}: ${quote(name)},`),
    '};',
    '',
    '// One message per line, so that the table reads as one.',
    '// prettier-ignore',
    'export const kubeMessages: Record<string, Record<number, string>> = {',
  ];
  for (const name of Object.keys(table).sort()) {
    const entries = Object.entries(table[name])
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([n, spec]) => `${n}: ${quote(spec)}`);
    lines.push(`  ${quote(name)}: { ${entries.join(', ')} },`);
  }
  lines.push('};', '');
  return lines.join('\n');
}

const binary = readFileSync(KUBECTL);
const version = /kubectl\.?(\d+\.\d+)/.exec(KUBECTL)?.[1] ?? KUBECTL;
const messages = indexMessages(embeddedDescriptors(binary));
const kinds = kindsOf(messages);
const table = generate(messages, inlineFields(binary), kinds);
writeFileSync(OUT, render(version, table, kinds));
console.log(`wrote ${OUT}: ${Object.keys(table).length} messages`);
