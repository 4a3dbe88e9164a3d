// The object last opened from each list, so a list the user comes back to marks the row they left from.

export interface ObjectName {
  name: string;
  namespace?: string;
}

const recent = new Map<string, ObjectName>();

export function rememberOpened(view: string, object: ObjectName): void {
  recent.set(view, object);
}

export function lastOpened(view: string): ObjectName | undefined {
  return recent.get(view);
}
