import { quotaUsage, type QuotaUsage } from './quota-usage';

function Bar({ row }: { row: QuotaUsage }) {
  const percent = row.fraction === undefined ? undefined : Math.round(row.fraction * 100);
  return (
    <li className={`quota-row quota-${row.level}`}>
      <span className="quota-resource">{row.resource}</span>
      <span
        role="meter"
        aria-label={row.resource}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? 0}
        aria-valuetext={`${row.used} of ${row.hard} used`}
        className="quota-bar"
      >
        <span className="quota-fill" style={{ width: `${percent ?? 0}%` }} />
      </span>
      <span className="quota-numbers">
        {row.used} / {row.hard}
      </span>
    </li>
  );
}

/** A ResourceQuota's used against hard, one bar per limited resource; near the limit warns, at it is full. */
export function QuotaBars({ quota }: { quota: Parameters<typeof quotaUsage>[0] }) {
  const rows = quotaUsage(quota);
  if (rows.length === 0) return <p className="empty">This quota limits nothing.</p>;
  return (
    <section aria-label="Quota usage">
      <h3>Used of hard</h3>
      <ul className="quota-bars">
        {rows.map((row) => (
          <Bar key={row.resource} row={row} />
        ))}
      </ul>
    </section>
  );
}
