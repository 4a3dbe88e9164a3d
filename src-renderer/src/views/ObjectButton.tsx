import { objectLabel, type ObjectRef } from './events-filter';

/** An event's object by name; a click narrows the events to that object. */
export function ObjectButton({
  object,
  onFilter,
}: {
  object: ObjectRef;
  onFilter: (object: ObjectRef) => void;
}) {
  const label = objectLabel(object);
  return (
    <button
      type="button"
      className="link-button"
      title={`Show only events of ${label}`}
      onClick={() => onFilter(object)}
    >
      {label}
    </button>
  );
}
