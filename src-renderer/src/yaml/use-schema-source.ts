import type { ApiClient } from '../api/api-client';
import { useSkiff } from '../state/skiff-context';
import { SchemaSource } from './schema-source';

const sources = new WeakMap<ApiClient, SchemaSource>();

/** One schema cache per connection, shared by every editor. */
export function useSchemaSource(): SchemaSource {
  const { client } = useSkiff();
  let source = sources.get(client);
  if (!source) {
    source = new SchemaSource((path) => client.getDocument(path));
    sources.set(client, source);
  }
  return source;
}
