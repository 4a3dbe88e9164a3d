import { describe, expect, it } from 'vitest';
import { exportYaml, lineOfField, ManifestError, parseManifests, pathOf } from './manifests';

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
      - name: web
        image: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: web
`;

describe('manifests', () => {
  it('splits documents and knows where each starts', () => {
    const docs = parseManifests(TEXT);
    expect(docs.map((d) => [d.object.kind, d.line])).toEqual([
      ['Deployment', 1],
      ['Service', 13],
    ]);
    expect(pathOf(docs[0]!.object, 'shop').path).toBe('/apis/apps/v1/namespaces/shop/deployments/web');
  });

  it('names the line of a syntax error and of a missing kind', () => {
    expect(() => parseManifests('kind: Pod\nmetadata:\n  name: [x\n')).toThrow(ManifestError);
    let caught: ManifestError | undefined;
    try {
      parseManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\nmetadata:\n  name: b\n');
    } catch (err) {
      caught = err as ManifestError;
    }
    expect(caught?.line).toBe(5);
    expect(caught?.message).toMatch(/apiVersion and kind are required/);
  });

  it('finds the line of a field the server named', () => {
    const [deployment] = parseManifests(TEXT);
    expect(lineOfField(deployment!, 'spec.template.spec.containers[0].image')).toBe(11);
    expect(lineOfField(deployment!, 'spec.replicas')).toBe(6);
  });

  it('exports without what the server owns', () => {
    const text = exportYaml({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'web',
        namespace: 'shop',
        uid: 'u',
        resourceVersion: '9',
        creationTimestamp: 't',
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      },
      spec: { clusterIP: '10.0.0.1', ports: [{ port: 80 }] },
      status: { loadBalancer: {} },
    });
    expect(text).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ports:\n    - port: 80\n',
    );
  });
});
