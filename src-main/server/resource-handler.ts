import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../shared/api-types';
import type { Disposable } from '../shared/disposable';
import { apiVersionOf, deploymentType, type ResourceType } from '../shared/resource-types';
import { ApiError, apiErrors } from '../store/api-error';
import type { KindStrategy, ServedVersion } from '../store/kind-strategy';
import type { DeleteOptions, ObjectStore, PropagationPolicy, WriteOptions } from '../store/object-store';
import {
  addWarnings,
  mediaType,
  parseDocument,
  readBody,
  readDocument,
  requireObject,
  sendJson,
  successStatus,
} from './http-io';
import { applyPatch } from './patch';
import { admitStructure } from './admit-structure';
import { rollbackDeployment } from '../store/deployment-rollback';
import { applyScale, scaleOf } from './scale-subresource';
import {
  APPLY_PATCH_TYPE,
  serverSideApply,
  withUpdateOwnership,
  type OwnershipRequest,
} from './server-side-apply/http-ownership';
import type { Scale } from '../shared/workload-types';
import { watchOverHttp, type EventView } from './watch-stream';
import { includeObjectOf, requestedTableVersion, tableEvent, toTable } from './table-output';
import { evictPod } from './pod-eviction';

export interface ResourceRequest {
  strategy: KindStrategy;
  namespace?: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
  /** The path's version when it is not the stored one: bodies convert in, objects convert out. */
  served?: ServedVersion;
}

/** The apiVersion clients of this request speak. */
function requestApiVersion(request: Pick<ResourceRequest, 'strategy' | 'served'>): string {
  const type = request.strategy.type;
  return request.served ? `${type.group}/${request.served.version}` : apiVersionOf(type);
}

/** Watch events in the request's version (undefined when that is the stored one). */
export function versionedEvents(served: ServedVersion | undefined): EventView | undefined {
  if (!served) return undefined;
  return (event) =>
    event.type === 'ERROR' || event.type === 'BOOKMARK'
      ? event
      : { ...event, object: served.fromStorage(event.object) };
}

const notFoundPath = () => new ApiError(404, 'NotFound', 'the server could not find the requested resource');

export function isWatch(query: URLSearchParams): boolean {
  const watch = query.get('watch');
  return watch === 'true' || watch === '1';
}

export function watchTimeout(query: URLSearchParams): number | undefined {
  const raw = query.get('timeoutSeconds');
  if (raw === null) return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw apiErrors.badRequest(`timeoutSeconds: must be a non-negative number, got "${raw}"`);
  return seconds;
}

export function selectorOptions(request: ResourceRequest) {
  return {
    namespace: request.namespace,
    labelSelector: request.query.get('labelSelector') ?? undefined,
    fieldSelector: request.query.get('fieldSelector') ?? undefined,
  };
}

function dryRun(query: URLSearchParams): boolean {
  const value = query.get('dryRun');
  if (value === null || value === '') return false;
  if (value === 'All') return true;
  throw apiErrors.badRequest(`dryRun: unsupported value "${value}" (the only supported value is "All")`);
}

function subresourceFor(
  request: ResourceRequest,
  allowed: Array<WriteOptions['subresource']>,
): WriteOptions['subresource'] {
  const sub = request.subresource;
  if (sub === undefined) return undefined;
  const type = request.strategy.type;
  const known = (sub === 'status' && type.hasStatus) || (sub === 'finalize' && type.kind === 'Namespace');
  if (!known || !allowed.includes(sub as WriteOptions['subresource'])) throw notFoundPath();
  return sub as WriteOptions['subresource'];
}

/**
 * Checks a request body against the URL it was sent to and against its kind's structure (a 400 when it does not
 * decode), and fills in what the URL implies.
 */
function objectFromBody(body: unknown, request: ResourceRequest, res?: ServerResponse): KubeObject {
  const type = request.strategy.type;
  const obj = requireObject(body) as KubeObject;
  if (obj.kind !== undefined && obj.kind !== type.kind) {
    throw apiErrors.badRequest(
      `the kind "${String(obj.kind)}" in the body does not match the resource "${type.plural}" in the URL: send kind "${type.kind}" here, or send the object to its own resource path`,
    );
  }
  if (obj.apiVersion !== undefined && obj.apiVersion !== requestApiVersion(request)) {
    throw apiErrors.badRequest(
      `the apiVersion "${String(obj.apiVersion)}" in the body does not match "${requestApiVersion(request)}" of the URL`,
    );
  }
  admitStructure(obj, {
    apiVersion: requestApiVersion(request),
    kind: type.kind,
    query: request.query,
    res,
    decode: request.strategy.decodeBody?.bind(request.strategy),
  });
  if (obj.metadata === undefined) obj.metadata = {};
  requireObject(obj.metadata, 'metadata');
  if (type.namespaced) {
    if (obj.metadata.namespace && obj.metadata.namespace !== request.namespace) {
      throw apiErrors.badRequest(
        `the namespace of the provided object ("${obj.metadata.namespace}") does not match the namespace sent on the request ("${request.namespace}")`,
      );
    }
    obj.metadata.namespace = request.namespace;
  }
  if (request.name !== undefined && obj.metadata.name !== undefined && obj.metadata.name !== request.name) {
    throw apiErrors.badRequest(
      `the name of the object (${String(obj.metadata.name)}) does not match the name on the URL (${request.name})`,
    );
  }
  if (request.name !== undefined) obj.metadata.name = request.name;
  return request.served ? request.served.toStorage(obj) : obj;
}

async function deleteOptions(req: IncomingMessage, query: URLSearchParams): Promise<DeleteOptions> {
  const body = requireObject(await readDocument(req, mediaType(req), {}), 'DeleteOptions');
  const policy = (query.get('propagationPolicy') ?? body.propagationPolicy) as string | undefined;
  if (policy !== undefined && !['Background', 'Foreground', 'Orphan'].includes(policy)) {
    throw apiErrors.badRequest(
      `propagationPolicy: unsupported value "${policy}" (use Background, Foreground or Orphan)`,
    );
  }
  const bodyDryRun = Array.isArray(body.dryRun) && body.dryRun.includes('All');
  const graceText =
    query.get('gracePeriodSeconds') ??
    (body.gracePeriodSeconds === undefined ? undefined : String(body.gracePeriodSeconds));
  const gracePeriodSeconds = graceText === undefined ? undefined : Number(graceText);
  if (gracePeriodSeconds !== undefined && (!Number.isInteger(gracePeriodSeconds) || gracePeriodSeconds < 0)) {
    throw apiErrors.badRequest(
      `gracePeriodSeconds: must be a whole number of seconds, 0 or more (got "${graceText}")`,
    );
  }
  return {
    gracePeriodSeconds,
    propagationPolicy: policy as PropagationPolicy | undefined,
    preconditions: body.preconditions as DeleteOptions['preconditions'],
    dryRun: bodyDryRun || dryRun(query),
  };
}

function deletedResponse(type: ResourceType, result: KubeObject, pending: boolean): unknown {
  if (pending) return result;
  return successStatus({
    name: result.metadata.name,
    group: type.group,
    kind: type.plural,
    uid: result.metadata.uid,
  } as never);
}

/** One REST call on one kind; long-lived watches are handed to `track` so shutdown can end them. */
export async function handleResource(
  req: IncomingMessage,
  res: ServerResponse,
  request: ResourceRequest,
  store: ObjectStore,
  track: (stream: Disposable) => void,
): Promise<void> {
  const type = request.strategy.type;
  const { namespace, name, query } = request;
  const served = request.served;
  const view = (o: KubeObject) => (served ? served.fromStorage(o) : o);
  const owning = (subresource?: string): OwnershipRequest => ({
    type,
    apiVersion: requestApiVersion(request),
    query,
    subresource,
  });
  if (type.namespaced && namespace === undefined && req.method !== 'GET') throw notFoundPath();
  if (served?.deprecationWarning) addWarnings(res, [served.deprecationWarning]);
  if (
    request.subresource === 'rollback' &&
    name !== undefined &&
    type === deploymentType &&
    req.method === 'POST'
  ) {
    return sendJson(
      res,
      200,
      await rollbackDeployment(
        store,
        namespace ?? 'default',
        name,
        requireObject(await readDocument(req), 'a DeploymentRollback'),
      ),
    );
  }
  if (request.subresource === 'eviction' && name !== undefined && type.kind === 'Pod' && !type.group) {
    if (req.method !== 'POST')
      throw apiErrors.methodNotAllowed(
        `${req.method} is not supported on pods/${name}/eviction: POST an Eviction`,
      );
    return sendJson(
      res,
      201,
      await evictPod(store, namespace ?? 'default', name, await readDocument(req), query),
    );
  }
  const warn = (obj: KubeObject, old?: KubeObject) => addWarnings(res, request.strategy.warnings?.(obj, old));
  if (request.subresource === 'scale' && name !== undefined) {
    if (!request.strategy.scalable) throw notFoundPath();
    return handleScale(req, res, store, type, namespace, name, query);
  }
  // `kubectl get` asks for server-side printing in Accept.
  const tableVersion = req.method === 'GET' ? requestedTableVersion(req) : undefined;
  switch (req.method) {
    case 'GET': {
      if (name === undefined) {
        if (isWatch(query)) {
          track(
            watchOverHttp(
              res,
              store,
              type,
              { ...selectorOptions(request), resourceVersion: query.get('resourceVersion') ?? undefined },
              watchTimeout(query),
              tableVersion
                ? (event) => tableEvent(type, event, { tableVersion, include: includeObjectOf(query) })
                : versionedEvents(served),
            ),
          );
          return;
        }
        const list = store.list(type, selectorOptions(request));
        if (tableVersion)
          return sendJson(
            res,
            200,
            toTable(type, list.items, {
              tableVersion,
              include: includeObjectOf(query),
              now: Date.now(),
              resourceVersion: list.metadata.resourceVersion,
            }),
          );
        return sendJson(
          res,
          200,
          served ? { ...list, apiVersion: requestApiVersion(request), items: list.items.map(view) } : list,
        );
      }
      subresourceFor(request, ['status']);
      const object = store.get(type, namespace, name);
      if (tableVersion)
        return sendJson(
          res,
          200,
          toTable(type, [object], { tableVersion, include: includeObjectOf(query), now: Date.now() }),
        );
      return sendJson(res, 200, view(object));
    }
    case 'POST': {
      if (name !== undefined)
        throw apiErrors.methodNotAllowed(
          `POST is not supported on ${type.plural}/${name}: POST to the collection to create, PUT or PATCH to change`,
        );
      const obj = withUpdateOwnership(
        req,
        owning(),
        undefined,
        objectFromBody(await readDocument(req), request, res),
      );
      const created = await store.create(type, obj, { dryRun: dryRun(query) });
      warn(created);
      return sendJson(res, 201, view(created));
    }
    case 'PUT': {
      if (name === undefined)
        throw apiErrors.methodNotAllowed(`PUT needs an object name: ${type.plural}/{name}`);
      const subresource = subresourceFor(request, ['status', 'finalize']);
      const before = store.tryGet(type, namespace, name);
      const obj = withUpdateOwnership(
        req,
        owning(subresource),
        before,
        objectFromBody(await readDocument(req), request, res),
      );
      const updated = await store.update(type, obj, { subresource, dryRun: dryRun(query) });
      if (!subresource) warn(updated, before);
      return sendJson(res, 200, view(updated));
    }
    case 'PATCH': {
      if (name === undefined)
        throw apiErrors.methodNotAllowed(`PATCH needs an object name: ${type.plural}/{name}`);
      const subresource = subresourceFor(request, ['status']);
      const patchType = mediaType(req);
      if (
        patchType === 'application/strategic-merge-patch+json' &&
        request.strategy.strategicMergePatch === false
      )
        throw new ApiError(
          415,
          'UnsupportedMediaType',
          'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
        );
      const text = await readBody(req);
      if (patchType === APPLY_PATCH_TYPE) {
        const config = objectFromBody(parseDocument(text, patchType), request, res);
        const applied = await serverSideApply(req, owning(subresource), store, config, dryRun(query));
        if (!subresource) warn(applied.object);
        return sendJson(res, applied.created ? 201 : 200, view(applied.object));
      }
      const patch = parseDocument(
        text,
        patchType === 'application/json-patch+json' ? 'application/json' : patchType,
      );
      const live = store.get(type, namespace, name);
      const patched = withUpdateOwnership(
        req,
        owning(subresource),
        live,
        objectFromBody(applyPatch(view(live), patchType, patch), request, res),
      );
      const updated = await store.update(type, patched, { subresource, dryRun: dryRun(query) });
      if (!subresource) warn(updated, live);
      return sendJson(res, 200, view(updated));
    }
    case 'DELETE': {
      const options = await deleteOptions(req, query);
      if (name === undefined) {
        const items = store.list(type, selectorOptions(request)).items;
        const results = [];
        for (const item of items)
          results.push(await store.delete(type, item.metadata.namespace, item.metadata.name ?? '', options));
        return sendJson(res, 200, {
          apiVersion: requestApiVersion(request),
          kind: `${type.kind}List`,
          metadata: {},
          items: results.map(view),
        });
      }
      subresourceFor(request, []);
      const result = await store.delete(type, namespace, name, options);
      // An object whose deletion waits on finalizers comes back with its deletionTimestamp, as Kubernetes does.
      return sendJson(
        res,
        200,
        deletedResponse(
          type,
          view(result),
          result.metadata.deletionTimestamp !== undefined || !!options.dryRun,
        ),
      );
    }
    default:
      throw apiErrors.methodNotAllowed(`method ${req.method} is not supported`);
  }
}

async function handleScale(
  req: IncomingMessage,
  res: ServerResponse,
  store: ObjectStore,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  query: URLSearchParams,
): Promise<void> {
  if (req.method === 'GET') return sendJson(res, 200, scaleOf(store.get(type, namespace, name)));
  if (req.method !== 'PUT' && req.method !== 'PATCH')
    throw apiErrors.methodNotAllowed(`${req.method} is not supported on ${type.plural}/${name}/scale`);
  const patchType = mediaType(req);
  const body = await readDocument(
    req,
    req.method === 'PATCH' && patchType === 'application/json-patch+json' ? 'application/json' : patchType,
  );
  const scale =
    req.method === 'PUT'
      ? (requireObject(body, 'a Scale') as Scale)
      : (applyPatch(scaleOf(store.get(type, namespace, name)), patchType, body) as Scale);
  admitStructure(requireObject(scale, 'a Scale'), {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    query,
    res,
  });
  const owning = { type, apiVersion: apiVersionOf(type), query, subresource: 'scale' };
  return sendJson(
    res,
    200,
    await applyScale(store, type, namespace, name, scale, dryRun(query), (live, next) =>
      withUpdateOwnership(req, owning, live, next),
    ),
  );
}
