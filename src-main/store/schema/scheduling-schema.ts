import { arr, int, int64, map, obj, str, type Schema } from './schema';

// The shapes of a pod's scheduling fields (core/v1 Affinity, Toleration, TopologySpreadConstraint), so a
// list where Kubernetes has an object (or the reverse) is refused at its field, as the apiserver's decoder does.

const selectorOperators = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

const labelSelector: Schema = obj({
  matchLabels: map(str()),
  matchExpressions: arr(
    obj({ key: str(), operator: str(selectorOperators), values: arr(str()) }, ['key', 'operator']),
  ),
});

const nodeSelectorRequirement: Schema = obj(
  { key: str(), operator: str([...selectorOperators, 'Gt', 'Lt']), values: arr(str()) },
  ['key', 'operator'],
);

const nodeSelectorTerm: Schema = obj({
  matchExpressions: arr(nodeSelectorRequirement),
  matchFields: arr(nodeSelectorRequirement),
});

const podAffinityTerm: Schema = obj({
  labelSelector,
  namespaces: arr(str()),
  topologyKey: str(),
  namespaceSelector: labelSelector,
  matchLabelKeys: arr(str()),
  mismatchLabelKeys: arr(str()),
});

const weightedPodAffinityTerm: Schema = obj({ weight: int(), podAffinityTerm }, [
  'weight',
  'podAffinityTerm',
]);

const podAffinity: Schema = obj({
  requiredDuringSchedulingIgnoredDuringExecution: arr(podAffinityTerm),
  preferredDuringSchedulingIgnoredDuringExecution: arr(weightedPodAffinityTerm),
});

export const affinitySchema: Schema = obj({
  nodeAffinity: obj({
    requiredDuringSchedulingIgnoredDuringExecution: obj({ nodeSelectorTerms: arr(nodeSelectorTerm) }, [
      'nodeSelectorTerms',
    ]),
    preferredDuringSchedulingIgnoredDuringExecution: arr(
      obj({ weight: int(), preference: nodeSelectorTerm }, ['weight', 'preference']),
    ),
  }),
  podAffinity,
  podAntiAffinity: podAffinity,
});

export const tolerationSchema: Schema = obj({
  key: str(),
  operator: str(),
  value: str(),
  effect: str(),
  tolerationSeconds: int64(),
});

export const topologySpreadConstraintSchema: Schema = obj(
  {
    maxSkew: int(),
    topologyKey: str(),
    whenUnsatisfiable: str(),
    labelSelector,
    minDomains: int(),
    nodeAffinityPolicy: str(),
    nodeTaintsPolicy: str(),
    matchLabelKeys: arr(str()),
  },
  ['maxSkew', 'topologyKey', 'whenUnsatisfiable'],
);
