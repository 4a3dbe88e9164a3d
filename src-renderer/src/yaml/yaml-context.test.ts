import { describe, expect, it } from 'vitest';
import { documentKind, indentAfter, yamlContextAt } from './yaml-context';

const DEPLOYMENT = `apiVersion: apps/v1
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
        X
`;

/** The context at the X in `text`. */
function at(text: string) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('X'));
  const column = lines[line]!.indexOf('X');
  lines[line] = lines[line]!.replace('X', '');
  return yamlContextAt(lines, line, column);
}

describe('yamlContextAt', () => {
  it.each([
    ['X', [], []],
    ['apiVersion: v1\nX', [], ['apiVersion']],
    ['metadata:\n  X', ['metadata'], []],
    ['metadata:\n  name: a\n  X', ['metadata'], ['name']],
    [DEPLOYMENT, ['spec', 'template', 'spec', 'containers', '[]'], ['image', 'name']],
    ['spec:\n  containers:\n  - X', ['spec', 'containers', '[]'], []],
    ['spec:\n  containers:\n    - name: a\n      X', ['spec', 'containers', '[]'], ['name']],
    [
      'spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n  - X',
      ['spec', 'containers', '[]'],
      [],
    ],
    [
      'spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n    X',
      ['spec', 'containers', '[]'],
      ['ports', 'name'],
    ],
    ['spec:\n  selector:\n    matchLabels: {app: a}\n  X', ['spec'], ['selector']],
    ['a: 1\n---\nspec:\n  X', ['spec'], []],
  ])('%j', (text, path, siblings) => {
    const context = at(text);
    expect(context.path).toEqual(path);
    expect(context.siblings).toEqual(siblings);
  });
});

describe('indentAfter', () => {
  it.each([
    ['spec:', 2],
    ['  template:', 4],
    ['  - name: web', 4],
    ['  replicas: 2', 2],
    ['- ', 2],
    ['  script: |', 4],
    ['  labels: # mine', 4],
    ['', 0],
  ])('%j → %i', (line, indent) => expect(indentAfter(line)).toBe(indent));
});

describe('documentKind', () => {
  it('reads apiVersion and kind of the document the cursor is in', () => {
    const lines = 'apiVersion: v1\nkind: ConfigMap\n---\napiVersion: apps/v1\nkind: "Deployment"'.split('\n');
    expect(documentKind(lines, 0)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap' });
    expect(documentKind(lines, 3)).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment' });
  });
});
