import { decodeSegment, requireValidPathSegment } from './request-target';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pod } from '../shared/pod-types';
import { podType, serviceType } from '../shared/resource-types';
import type { Service } from '../shared/service-types';
import { ApiError, apiErrors } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { parseDocument, readBody, mediaType, requireObject, sendJson } from './http-io';

/** Skiff's own call for the UI's "open in browser": POST {"port": N} → {"url": "http://127.0.0.1:…/"}. */
const OPEN_PATH = /^\/apis\/ui\.skiff\.io\/v1\/namespaces\/([^/]+)\/(services|pods)\/([^/]+)\/open$/;

export const isOpenPath = (path: string) => OPEN_PATH.test(path);

type OpenLocally = (namespace: string, ip: string, port: number) => Promise<number>;

const invalidPort = (why: string) =>
  new ApiError(422, 'Invalid', `port: ${why}`, {
    causes: [{ type: 'FieldValueInvalid', field: 'port', message: why }],
  });

/** The Service, once its proxy has given it a cluster address (a Service made a moment ago has none yet). */
async function withClusterAddress(store: ObjectStore, namespace: string, name: string): Promise<Service> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const service = store.get(serviceType, namespace, name) as Service;
    if (service.spec.clusterIP || Date.now() > deadline || service.spec.ports?.some((p) => p.nodePort))
      return service;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function handleOpen(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  store: ObjectStore,
  openLocally: OpenLocally,
): Promise<void> {
  if (req.method !== 'POST')
    throw apiErrors.methodNotAllowed(`${req.method} is not supported: POST {"port": N}`);
  const [, namespace, kind, name] = OPEN_PATH.exec(path)!.map(decodeSegment) as [
    string,
    string,
    string,
    string,
  ];
  requireValidPathSegment(namespace, 'Namespace');
  requireValidPathSegment(name, 'Name');
  const body = requireObject(parseDocument(await readBody(req), mediaType(req)));
  const port = body.port;
  if (typeof port !== 'number' || !Number.isInteger(port))
    throw invalidPort('give the port to open as a number');
  if (kind === 'services') {
    const service = await withClusterAddress(store, namespace, name);
    const servicePort = (service.spec.ports ?? []).find((p) => p.port === port);
    if (!servicePort)
      throw invalidPort(
        `${port} is not a port of Service "${name}" (it has ${(service.spec.ports ?? []).map((p) => p.port).join(', ') || 'none'})`,
      );
    if (servicePort.nodePort) return sendJson(res, 200, { url: `http://127.0.0.1:${servicePort.nodePort}/` });
    if (!service.spec.clusterIP || service.spec.clusterIP === 'None')
      throw new ApiError(
        409,
        'Conflict',
        `Service "${name}" has no cluster address yet: its proxy is not running`,
      );
    const local = await openLocally(namespace, service.spec.clusterIP, port);
    return sendJson(res, 200, { url: `http://127.0.0.1:${local}/` });
  }
  const pod = store.get(podType, namespace, name) as Pod;
  if (!pod.status?.podIP)
    throw new ApiError(409, 'Conflict', `pod "${name}" has no address yet: it is not running`);
  const local = await openLocally(namespace, pod.status.podIP, port);
  return sendJson(res, 200, { url: `http://127.0.0.1:${local}/` });
}
