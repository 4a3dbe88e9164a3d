/**
 * Compose's variable interpolation on one string: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`, `$$` for a literal `$`. Unset variables become ""
 * (as docker compose does, with a warning): their names are collected in `unset`.
 */
export function interpolate(text: string, env: Record<string, string>, unset: Set<string>): string {
  return text.replace(
    /\$(?:(\$)|([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\})/g,
    (
      _whole,
      dollar: string | undefined,
      bare: string | undefined,
      name: string | undefined,
      op?: string,
      arg = '',
    ) => {
      if (dollar) return '$';
      const variable = (bare ?? name)!;
      const value = env[variable];
      const isSet = value !== undefined;
      const nonEmpty = isSet && value !== '';
      switch (op) {
        case ':-':
          return nonEmpty ? value : interpolate(arg, env, unset);
        case '-':
          return isSet ? value : interpolate(arg, env, unset);
        case ':+':
          return nonEmpty ? interpolate(arg, env, unset) : '';
        case '+':
          return isSet ? interpolate(arg, env, unset) : '';
        case ':?':
        case '?':
          if (op === ':?' ? nonEmpty : isSet) return value!;
          unset.add(variable);
          return '';
        default:
          if (!isSet) unset.add(variable);
          return value ?? '';
      }
    },
  );
}

/** Interpolates every string of a parsed Compose document (keys are left alone, as Compose does). */
export function interpolateAll(value: unknown, env: Record<string, string>, unset: Set<string>): unknown {
  if (typeof value === 'string') return interpolate(value, env, unset);
  if (Array.isArray(value)) return value.map((v) => interpolateAll(v, env, unset));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, interpolateAll(v, env, unset)]),
    );
  return value;
}
