import type { KubeObject } from '../shared/api-types';

/**
 * How one part of a Compose file became Kubernetes (or did not). `mapped`: same meaning; `changed`: kept, but it
 * behaves differently in Kubernetes (the text says how); `dropped`: no equivalent here, left out.
 */
export interface ComposeNote {
  level: 'mapped' | 'changed' | 'dropped';
  /** The Compose path it is about: `services.web.ports[0]`, `volumes.db-data`. */
  field: string;
  text: string;
}

export interface ComposeConversion {
  /** The Compose project's name (labels every object). */
  project: string;
  objects: KubeObject[];
  notes: ComposeNote[];
}

export interface ComposeInput {
  /** The Compose file's text (YAML). */
  compose: string;
  /** The project name; defaults to the file's `name:`, then `compose`. */
  project?: string;
  /**
   * Files the Compose file refers to (env_file, secrets' and configs' `file:`), by the path written in it.
   * Without them such objects are made empty and a note says which key to fill.
   */
  files?: Record<string, string>;
  /** Values for `${VAR}` interpolation (docker compose reads the shell and `.env`). */
  environment?: Record<string, string>;
  /** The folder holding the Compose file on this machine: bind mounts and `build:` contexts resolve from it. */
  directory?: string;
}

export class ComposeError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
