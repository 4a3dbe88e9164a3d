import type { KubeEvent } from '@shared/pod-types';
import { kindsOf, objectLabel, reasonsOf, type EventFilter } from './events-filter';

/** The Events view's filters; they apply to the timeline and the table alike. */
export function EventFilters({
  events,
  filter,
  onChange,
}: {
  events: KubeEvent[];
  filter: EventFilter;
  onChange: (filter: EventFilter) => void;
}) {
  return (
    <div className="filters">
      <label>
        <input
          type="checkbox"
          checked={filter.warningsOnly}
          onChange={(e) => onChange({ ...filter, warningsOnly: e.target.checked })}
        />{' '}
        Warnings only
      </label>
      <label>
        Kind
        <select
          aria-label="Event object kind"
          value={filter.kind}
          onChange={(e) => onChange({ ...filter, kind: e.target.value })}
        >
          <option value="">Every kind</option>
          {kindsOf(events).map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      <label>
        Reason
        <select
          aria-label="Event reason"
          value={filter.reason}
          onChange={(e) => onChange({ ...filter, reason: e.target.value })}
        >
          <option value="">Every reason</option>
          {reasonsOf(events).map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label>
        Search
        <input
          type="search"
          aria-label="Search events"
          placeholder="reason, object or message"
          value={filter.text}
          onChange={(e) => onChange({ ...filter, text: e.target.value })}
        />
      </label>
      {filter.object && (
        <span className="object-filter" role="status" aria-label="Object filter">
          Only {objectLabel(filter.object)}{' '}
          <button type="button" onClick={() => onChange({ ...filter, object: undefined })}>
            Show every object
          </button>
        </span>
      )}
    </div>
  );
}
