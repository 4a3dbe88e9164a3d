// What a request asks to do (Kubernetes' authorizer.Attributes): the authorizer's input. server/request-attributes.ts
// reads it from a request.

export type RequestAttributes =
  | {
      resourceRequest: true;
      verb: string;
      apiGroup: string;
      apiVersion: string;
      resource: string;
      subresource: string;
      namespace: string;
      name: string;
    }
  | { resourceRequest: false; verb: string; path: string };
