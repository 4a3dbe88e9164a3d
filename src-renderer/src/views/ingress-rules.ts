import type { Ingress, IngressBackend } from '@shared/ingress-types';

export interface IngressRuleRow {
  key: string;
  host: string;
  path: string;
  pathType: string;
  backend: string;
  /** a link the browser can follow: rules without a host, or with a *.localhost host (browsers send those to 127.0.0.1) */
  url?: string;
  /** how to reach the rule from a terminal when the browser cannot (any other host) */
  curl?: string;
}

const backendText = (b: IngressBackend | undefined) =>
  b?.service ? `${b.service.name}:${b.service.port.number ?? b.service.port.name ?? '?'}` : '(none)';

/** Each host and path of an Ingress as one row, with where Skiff serves it (the address in its status). */
export function ingressRuleRows(ingress: Ingress): IngressRuleRow[] {
  const served = ingress.status?.loadBalancer?.ingress?.[0];
  const port = served?.ports?.[0]?.port;
  const address = served?.ip && port ? `${served.ip}:${port}` : undefined;
  const reach = (host: string | undefined, path: string) => {
    if (!address || !port) return {};
    const target = path.replace(/\*$/, '') || '/';
    if (!host) return { url: `http://${address}${target}` };
    if (host === 'localhost' || host.endsWith('.localhost'))
      return { url: `http://${host}:${port}${target}` };
    if (host.startsWith('*.'))
      return { curl: `curl -H 'Host: x${host.slice(1)}' http://${address}${target}` };
    return { curl: `curl -H 'Host: ${host}' http://${address}${target}` };
  };
  const rows: IngressRuleRow[] = (ingress.spec.rules ?? []).flatMap((rule, r) =>
    (rule.http?.paths ?? []).map((p, i) => ({
      key: `${r}/${i}`,
      host: rule.host ?? '*',
      path: p.path ?? '/',
      pathType: p.pathType,
      backend: backendText(p.backend),
      ...reach(rule.host, p.path ?? '/'),
    })),
  );
  if (ingress.spec.defaultBackend)
    rows.push({
      key: 'default',
      host: '*',
      path: '(anything else)',
      pathType: 'default',
      backend: backendText(ingress.spec.defaultBackend),
      ...reach(undefined, '/'),
    });
  return rows;
}
