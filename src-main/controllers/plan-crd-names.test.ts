import { describe, expect, it } from 'vitest';
import type { CustomResourceDefinition } from '../shared/custom-resource-types';
import { planCrdNames, takenNames } from './plan-crd-names';

// From apiextensions-apiserver's naming_controller_test.go: names another CRD of the group holds are refused
// with Kubernetes' reasons; a CRD whose names are free is accepted and Established.

const NOW = '2026-01-01T00:00:00Z';

function crd(name: string, plural: string, kind: string, accepted = false): CustomResourceDefinition {
  const names = { plural, singular: plural.replace(/s$/, ''), kind, listKind: `${kind}List`, shortNames: [] };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name },
    spec: { group: 'example.com', scope: 'Namespaced', names, versions: [] },
    ...(accepted ? { status: { acceptedNames: names } } : {}),
  };
}

describe('planCrdNames', () => {
  it('accepts free names and establishes', () => {
    const c = crd('widgets.example.com', 'widgets', 'Widget');
    const plan = planCrdNames(c, takenNames(c, [c], []), NOW);
    expect(plan.acceptedNames).toMatchObject({ plural: 'widgets', kind: 'Widget', listKind: 'WidgetList' });
    expect(plan.conditions).toEqual([
      {
        type: 'NamesAccepted',
        status: 'True',
        reason: 'NoConflicts',
        message: 'no conflicts found',
        lastTransitionTime: NOW,
      },
      {
        type: 'Established',
        status: 'True',
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
        lastTransitionTime: NOW,
      },
    ]);
  });

  it('refuses a kind another CRD of the group has', () => {
    const other = crd('gadgets.example.com', 'gadgets', 'Widget', true);
    const c = crd('widgets.example.com', 'widgets', 'Widget');
    const plan = planCrdNames(c, takenNames(c, [other, c], []), NOW);
    expect(plan.acceptedNames.kind).toBeUndefined();
    expect(plan.conditions).toMatchObject([
      {
        type: 'NamesAccepted',
        status: 'False',
        reason: 'KindConflict',
        message: '"Widget" is already in use',
      },
      { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' },
    ]);
  });

  it('refuses a plural a built-in kind of the group has', () => {
    const c = crd('deployments.apps', 'deployments', 'MyDeployment');
    c.spec.group = 'apps';
    const builtIn = [{ group: 'apps', plural: 'deployments', singular: 'deployment', kind: 'Deployment' }];
    const plan = planCrdNames(c, takenNames(c, [c], builtIn), NOW);
    expect(plan.conditions[0]).toMatchObject({
      reason: 'PluralConflict',
      message: '"deployments" is already in use',
    });
  });

  it('keeps an Established CRD established and its transition time', () => {
    const c = crd('widgets.example.com', 'widgets', 'Widget', true);
    c.status!.conditions = [
      {
        type: 'NamesAccepted',
        status: 'True',
        reason: 'NoConflicts',
        message: 'no conflicts found',
        lastTransitionTime: 'then',
      },
      { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', lastTransitionTime: 'then' },
    ];
    const plan = planCrdNames(c, takenNames(c, [c], []), NOW);
    expect(plan.conditions.map((x) => x.lastTransitionTime)).toEqual(['then', 'then']);
  });
});
