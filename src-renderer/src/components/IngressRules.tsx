import type { Ingress } from '@shared/ingress-types';
import { ingressType } from '@shared/resource-types';
import { useKubeList } from '../api/use-kube-list';
import { ingressRuleRows } from '../views/ingress-rules';
import { EditYaml } from './EditYaml';
import { ErrorNotice } from './ErrorNotice';

/** The namespace's Ingresses: each host and path, the Service it goes to, and a way to try it. */
export function IngressRules({ namespace }: { namespace: string }) {
  const ingresses = useKubeList<Ingress>(ingressType, namespace || undefined);
  const items = ingresses.data?.items ?? [];
  return (
    <section aria-labelledby="ingresses-title">
      <h2 id="ingresses-title">Ingresses</h2>
      <ErrorNotice error={ingresses.error} />
      {items.length === 0 ? (
        <p className="empty">
          No Ingresses here. An Ingress routes HTTP by host and path to Services; Skiff serves them on
          127.0.0.1 (<code>--ingress-port</code>).
        </p>
      ) : (
        items.map((ingress) => {
          const name = ingress.metadata.name ?? '';
          const address = ingress.status?.loadBalancer?.ingress?.[0];
          return (
            <div key={ingress.metadata.uid} className="ingress">
              <h3>
                {name}{' '}
                <span className="hint">
                  {address?.ip
                    ? `served on ${address.ip}:${address.ports?.[0]?.port ?? ''}`
                    : 'not served yet'}
                </span>{' '}
                <EditYaml object={ingress} type={ingressType} />
              </h3>
              <table className="resource-table" aria-label={`Rules of ingress ${name}`}>
                <thead>
                  <tr>
                    <th scope="col">Host</th>
                    <th scope="col">Path</th>
                    <th scope="col">Match</th>
                    <th scope="col">Service</th>
                    <th scope="col">Try it</th>
                  </tr>
                </thead>
                <tbody>
                  {ingressRuleRows(ingress).map((row) => (
                    <tr key={row.key}>
                      <td>{row.host}</td>
                      <td>{row.path}</td>
                      <td>{row.pathType}</td>
                      <td>{row.backend}</td>
                      <td>
                        {row.url ? (
                          <a href={row.url} target="_blank" rel="noreferrer">
                            {row.url}
                          </a>
                        ) : (
                          row.curl && <code>{row.curl}</code>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        })
      )}
    </section>
  );
}
