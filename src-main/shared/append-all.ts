/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as an argument, and past
 * ~100 000 of them (a 2 MB body of bad labels makes that many causes) it overflows the stack.
 */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
