import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import {
  controllerRevisionType,
  daemonSetType,
  podType,
  serviceType,
  statefulSetType,
} from '../shared/resource-types';
import { humanDuration } from './table-columns';
import { requestedTableVersion, tableEvent, toTable } from './table-output';

const KUBECTL_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describe('server-side printing', () => {
  it('reads the Table version kubectl asks for, and nothing from a plain JSON client', () => {
    const req = (accept?: string) => ({ headers: accept ? { accept } : {} }) as IncomingMessage;
    expect(requestedTableVersion(req(KUBECTL_ACCEPT))).toBe('v1');
    expect(requestedTableVersion(req('application/json'))).toBeUndefined();
    expect(requestedTableVersion(req())).toBeUndefined();
  });

  it("formats ages as kubectl's HumanDuration", () => {
    const s = 1000;
    expect(
      [
        45 * s,
        150 * s,
        330 * s,
        3 * 3600 * s + 5 * 60 * s,
        30 * 3600 * s,
        50 * 3600 * s,
        400 * 86400 * s,
      ].map(humanDuration),
    ).toEqual(['45s', '2m30s', '5m30s', '3h5m', '30h', '2d2h', '400d']);
  });

  it("prints a pod's columns, wide ones at priority 1, with its metadata as the row object", () => {
    const now = Date.parse('2026-11-23T12:10:00Z');
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-11-23T12:00:00Z' },
      spec: { nodeName: 'skiff', containers: [{ name: 'c', image: 'i' }] },
      status: {
        phase: 'Running',
        podIP: '10.0.0.2',
        containerStatuses: [
          { name: 'c', ready: true, restartCount: 0, state: { running: {} }, lastState: {} },
        ],
      },
    };
    const table = toTable(podType, [pod as never], { tableVersion: 'v1', include: 'Metadata', now });
    expect(table.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
    ]);
    expect(table.rows[0]!.cells).toEqual([
      'web',
      '1/1',
      'Running',
      '0',
      '10m',
      '10.0.0.2',
      'skiff',
      '<none>',
      '<none>',
    ]);
    expect(table.rows[0]!.object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: pod.metadata,
    });
  });

  it('turns a watch event into a one-row Table', () => {
    const event = tableEvent(
      serviceType,
      {
        type: 'ADDED',
        object: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 's' },
          spec: { ports: [{ port: 80 }] },
        } as never,
      },
      { tableVersion: 'v1', include: 'None' },
    );
    expect(event.type).toBe('ADDED');
    expect(
      (event.object as unknown as { rows: Array<{ cells: unknown[] }> }).rows[0]!.cells.slice(0, 5),
    ).toEqual(['s', 'ClusterIP', '<none>', '<none>', '80/TCP']);
  });
});

describe('apps/v1 StatefulSet, DaemonSet and ControllerRevision columns (printers.go)', () => {
  const now = Date.parse('2026-11-23T12:10:00Z');
  const meta = { namespace: 'default', creationTimestamp: '2026-11-23T12:00:00Z' };
  const template = {
    metadata: { labels: { app: 'x' } },
    spec: { containers: [{ name: 'c', image: 'i:1' }] },
  };
  const cells = (type: typeof statefulSetType, obj: unknown) => {
    const table = toTable(type, [obj as never], { tableVersion: 'v1', include: 'Metadata', now });
    return Object.fromEntries(table.columnDefinitions.map((c, i) => [c.name, table.rows[0]!.cells[i]]));
  };

  it('prints a StatefulSet as NAME READY AGE, with containers and images wide', () => {
    const set = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', ...meta },
      spec: { replicas: 3, selector: { matchLabels: { app: 'x' } }, template },
      status: { replicas: 3, readyReplicas: 2 },
    };
    expect(cells(statefulSetType, set)).toEqual({
      Name: 'web',
      Ready: '2/3',
      Age: '10m',
      Containers: 'c',
      Images: 'i:1',
    });
  });

  it('prints a DaemonSet with its counts and node selector', () => {
    const ds = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', ...meta },
      spec: {
        selector: { matchLabels: { app: 'x' } },
        template: { ...template, spec: { ...template.spec, nodeSelector: { disk: 'ssd' } } },
      },
      status: {
        desiredNumberScheduled: 1,
        currentNumberScheduled: 1,
        numberReady: 0,
        updatedNumberScheduled: 1,
        numberAvailable: 0,
        numberMisscheduled: 0,
      },
    };
    expect(cells(daemonSetType, ds)).toMatchObject({
      Name: 'agent',
      Desired: 1,
      Current: 1,
      Ready: 0,
      'Up-to-date': 1,
      Available: 0,
      'Node Selector': 'disk=ssd',
      Selector: 'app=x',
    });
  });

  it('prints a ControllerRevision with its controller as kind.group/name', () => {
    const revision = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: 'web-abc',
        ...meta,
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true },
        ],
      },
      revision: 2,
    };
    expect(cells(controllerRevisionType, revision)).toEqual({
      Name: 'web-abc',
      Controller: 'statefulset.apps/web',
      Revision: 2,
      Age: '10m',
    });
  });
});
