import { describe, expect, it } from 'vitest';
import { pathString } from './field-path';
import { compareObjects, fieldSetOf, ownedView } from './field-set';

const printed = (set: Iterable<readonly string[]>) => [...set].map(pathString).sort();

describe('fieldSetOf (the fields an applied configuration sets)', () => {
  it.each([
    ['scalars', { spec: { replicas: 2 } }, ['.spec.replicas']],
    ['map entries', { metadata: { labels: { app: 'web' } } }, ['.metadata.labels.app']],
    ['an atomic selector', { spec: { selector: { matchLabels: { app: 'web' } } } }, ['.spec.selector']],
    ['an atomic list', { spec: { args: ['a', 'b'] } }, ['.spec.args']],
    ['a set of scalars', { metadata: { finalizers: ['a'] } }, ['.metadata.finalizers[="a"]']],
    [
      'keyed list items and their fields',
      { spec: { containers: [{ name: 'web', image: 'x' }] } },
      [
        '.spec.containers[name="web"]',
        '.spec.containers[name="web"].image',
        '.spec.containers[name="web"].name',
      ],
    ],
    [
      'container ports keyed with the default protocol',
      { ports: [{ containerPort: 80 }] },
      ['.ports[containerPort=80,protocol="TCP"]', '.ports[containerPort=80,protocol="TCP"].containerPort'],
    ],
    [
      'Service ports keyed by port',
      { spec: { ports: [{ port: 80, protocol: 'UDP' }] } },
      [
        '.spec.ports[port=80,protocol="UDP"]',
        '.spec.ports[port=80,protocol="UDP"].port',
        '.spec.ports[port=80,protocol="UDP"].protocol',
      ],
    ],
    ['a keyed list without its keys is atomic', { env: [{ value: 'x' }] }, ['.env']],
    ['an empty map sets nothing', { spec: { resources: {} } }, []],
  ])('%s', (_name, config, expected) => {
    expect(printed(fieldSetOf(config))).toEqual(expected);
  });
});

describe('compareObjects', () => {
  it.each([
    ['a changed scalar', { spec: { replicas: 1 } }, { spec: { replicas: 2 } }, [], ['.spec.replicas'], []],
    [
      'an added label',
      { metadata: { labels: { a: '1' } } },
      { metadata: { labels: { a: '1', b: '2' } } },
      ['.metadata.labels.b'],
      [],
      [],
    ],
    [
      'an added map, below the top level, is itself added',
      { spec: {} },
      { spec: { strategy: { type: 'Recreate' } } },
      ['.spec.strategy', '.spec.strategy.type'],
      [],
      [],
    ],
    [
      'a removed list item',
      { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
      { spec: { containers: [{ name: 'a' }] } },
      [],
      [],
      ['.spec.containers[name="b"]', '.spec.containers[name="b"].name'],
    ],
    [
      'an item changed in place',
      { spec: { containers: [{ name: 'a', image: 'v1' }] } },
      { spec: { containers: [{ name: 'a', image: 'v2' }] } },
      [],
      ['.spec.containers[name="a"].image'],
      [],
    ],
    ['an atomic list changed', { spec: { args: ['a'] } }, { spec: { args: ['b'] } }, [], ['.spec.args'], []],
    ['nothing', { spec: { args: ['a'] } }, { spec: { args: ['a'] } }, [], [], []],
  ])('%s', (_name, before, after, added, modified, removed) => {
    const change = compareObjects(before, after);
    expect({
      added: printed(change.added),
      modified: printed(change.modified),
      removed: printed(change.removed),
    }).toEqual({ added, modified, removed });
  });
});

describe('ownedView', () => {
  const object = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'ns', uid: 'u', resourceVersion: '3', labels: { a: '1' } },
    spec: { replicas: 1 },
    status: { replicas: 1 },
  };
  it.each([
    ['all', { metadata: { labels: { a: '1' } }, spec: { replicas: 1 }, status: { replicas: 1 } }],
    ['without-status', { metadata: { labels: { a: '1' } }, spec: { replicas: 1 } }],
    ['status', { status: { replicas: 1 } }],
  ] as const)('%s', (scope, view) => {
    expect(ownedView(object, scope)).toEqual(view);
  });
});
