import { useEffect, useRef, useState } from 'react';
import type { KubeObject } from '@shared/api-types';
import { collectionPath, objectPath } from '@shared/resource-types';
import type { TableColumn } from '../api/server-table';
import { useSkiff } from '../state/skiff-context';
import type { DiscoveredKind } from './discovered-kinds';
import { planTableRefresh, printedRows, rowKey, type PrintedRow } from './printed-rows';

/** Gathers a burst of watch events into one catch-up. */
const SETTLE_MS = 100;

export interface PrintedTable {
  columns: TableColumn[] | undefined;
  rows: Map<string, PrintedRow>;
  error: Error | undefined;
}

/**
 * The server's columns and cells for a kind (its Table output: `kubectl get`'s, a CRD's additionalPrinterColumns),
 * kept level with the objects the shared watch holds: a row behind its object is read again, a burst of them
 * as one whole table. Driven by the watch, no polling; a read in flight when the view closes is dropped.
 */
export function usePrintedTable(kind: DiscoveredKind, objects: KubeObject[] | undefined): PrintedTable {
  const { client } = useSkiff();
  const [table, setTable] = useState<PrintedTable>({ columns: undefined, rows: new Map(), error: undefined });
  const failed = useRef(new Map<string, string | undefined>());
  const failedWith = useRef<KubeObject[] | undefined>(undefined);
  const busy = useRef(false);
  const path = collectionPath(kind);
  // the path reads are for: answers for another kind's table, or after the view closed, are dropped
  const current = useRef<string | undefined>(path);

  useEffect(() => {
    current.current = path;
    setTable({ columns: undefined, rows: new Map(), error: undefined });
    failed.current = new Map();
    failedWith.current = undefined;
    return () => {
      current.current = undefined;
    };
  }, [path]);

  useEffect(() => {
    if (!objects || busy.current) return;
    // a table that could not be read is read again when the objects change, not in a loop
    if (!table.columns && table.error && failedWith.current === objects) return;
    const plan = planTableRefresh(objects, table.rows, failed.current);
    if (plan.type === 'none' && table.columns) return;
    const mine = () => current.current === path;
    const timer = setTimeout(
      () => {
        busy.current = true;
        if (plan.type === 'objects' && table.columns) {
          void Promise.all(
            plan.objects.map((o) =>
              client.getTable(objectPath(kind, o.metadata.name ?? '', o.metadata.namespace)).then(
                (t) => ({ ok: true as const, rows: printedRows(t) }),
                () => ({ ok: false as const, object: o }),
              ),
            ),
          ).then((results) => {
            busy.current = false;
            if (!mine()) return;
            for (const r of results)
              if (!r.ok) failed.current.set(rowKey(r.object.metadata), r.object.metadata.resourceVersion);
            setTable((prev) => {
              const rows = new Map(prev.rows);
              for (const r of results) if (r.ok) for (const [key, row] of r.rows) rows.set(key, row);
              return { ...prev, rows };
            });
          });
        } else {
          client.getTable(path).then(
            (t) => {
              busy.current = false;
              if (mine()) setTable({ columns: t.columnDefinitions, rows: printedRows(t), error: undefined });
            },
            (err: Error) => {
              busy.current = false;
              if (!mine()) return;
              failedWith.current = objects;
              setTable((prev) => ({ ...prev, error: err }));
            },
          );
        }
      },
      table.columns ? SETTLE_MS : 0,
    );
    return () => clearTimeout(timer);
  }, [client, kind, path, objects, table]);

  return table;
}
