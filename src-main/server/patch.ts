import type { KubeObject } from '../shared/api-types';
import { ApiError, apiErrors } from '../store/api-error';
import { requireObject } from './http-io';
import { strategicMerge } from './strategic-merge-patch';

// RFC 7386 JSON merge patch and RFC 6902 JSON patch, applied to a copy of the current object.

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

type Operation = { op: string; path: string; value?: unknown; from?: string };

function parsePointer(pointer: string, index: number): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw apiErrors.badRequest(`json patch operation ${index}: path "${pointer}" must start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function container(
  root: unknown,
  tokens: string[],
  index: number,
  path: string,
): { parent: unknown; key: string } {
  let node = root;
  for (const token of tokens.slice(0, -1)) {
    if (typeof node !== 'object' || node === null)
      throw apiErrors.badRequest(`json patch operation ${index}: path "${path}" does not exist`);
    node = Array.isArray(node) ? node[Number(token)] : (node as Record<string, unknown>)[token];
  }
  if (typeof node !== 'object' || node === null)
    throw apiErrors.badRequest(`json patch operation ${index}: path "${path}" does not exist`);
  return { parent: node, key: tokens[tokens.length - 1] ?? '' };
}

function getAt(root: unknown, tokens: string[], index: number, path: string): unknown {
  if (tokens.length === 0) return root;
  const { parent, key } = container(root, tokens, index, path);
  const value = Array.isArray(parent) ? parent[Number(key)] : (parent as Record<string, unknown>)[key];
  if (value === undefined)
    throw apiErrors.badRequest(`json patch operation ${index}: path "${path}" does not exist`);
  return value;
}

function removeAt(root: unknown, tokens: string[], index: number, path: string): unknown {
  const value = getAt(root, tokens, index, path);
  const { parent, key } = container(root, tokens, index, path);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete (parent as Record<string, unknown>)[key];
  return value;
}

function addAt(
  root: unknown,
  tokens: string[],
  value: unknown,
  index: number,
  path: string,
  replace: boolean,
): unknown {
  if (tokens.length === 0) return value;
  const { parent, key } = container(root, tokens, index, path);
  if (Array.isArray(parent)) {
    const at = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(at) || at < 0 || at > parent.length)
      throw apiErrors.badRequest(
        `json patch operation ${index}: index "${key}" is out of range in "${path}"`,
      );
    if (replace) parent[at] = value;
    else parent.splice(at, 0, value);
  } else {
    if (replace && !(key in (parent as Record<string, unknown>)))
      throw apiErrors.badRequest(`json patch operation ${index}: path "${path}" does not exist`);
    (parent as Record<string, unknown>)[key] = value;
  }
  return root;
}

export function applyJsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw apiErrors.badRequest('a json patch must be a list of operations');
  let doc = structuredClone(target);
  operations.forEach((raw, index) => {
    const op = requireObject(raw, `json patch operation ${index}`) as Operation;
    if (typeof op.path !== 'string')
      throw apiErrors.badRequest(`json patch operation ${index}: "path" is required`);
    const tokens = parsePointer(op.path, index);
    switch (op.op) {
      case 'add':
        doc = addAt(doc, tokens, structuredClone(op.value), index, op.path, false);
        break;
      case 'replace':
        getAt(doc, tokens, index, op.path);
        doc = addAt(doc, tokens, structuredClone(op.value), index, op.path, true);
        break;
      case 'remove':
        removeAt(doc, tokens, index, op.path);
        break;
      case 'move': {
        const value = removeAt(doc, parsePointer(op.from ?? '', index), index, op.from ?? '');
        doc = addAt(doc, tokens, value, index, op.path, false);
        break;
      }
      case 'copy':
        doc = addAt(
          doc,
          tokens,
          structuredClone(getAt(doc, parsePointer(op.from ?? '', index), index, op.from ?? '')),
          index,
          op.path,
          false,
        );
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, tokens, index, op.path)) !== JSON.stringify(op.value)) {
          throw new ApiError(
            422,
            'Invalid',
            `json patch operation ${index}: test failed: the value at "${op.path}" is not the expected one`,
          );
        }
        break;
      default:
        throw apiErrors.badRequest(
          `json patch operation ${index}: unknown op "${String(op.op)}" (use add, remove, replace, move, copy or test)`,
        );
    }
  });
  return doc;
}

export function applyPatch(current: KubeObject, patchType: string, patch: unknown): KubeObject {
  switch (patchType) {
    case 'application/merge-patch+json':
      return requireObject(applyMergePatch(current, requireObject(patch, 'a merge patch'))) as KubeObject;
    case 'application/strategic-merge-patch+json':
      return requireObject(
        strategicMerge(current, requireObject(patch, 'a strategic merge patch')),
        'the patched object',
      ) as KubeObject;
    case 'application/json-patch+json':
      return requireObject(applyJsonPatch(current, patch), 'the patched object') as KubeObject;
    default:
      throw apiErrors.unsupportedMediaType(patchType);
  }
}
