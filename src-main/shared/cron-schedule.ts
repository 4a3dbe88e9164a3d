// Cron schedules as Kubernetes reads them: robfig/cron v3's ParseStandard (5 fields, ranges, steps, names,
// `?`, the @descriptors and `@every`, an optional TZ=/CRON_TZ= prefix) and its Schedule.Next, including how
// it walks wall-clock fields in a time zone. Pure: time zones come from Intl, so main and renderer share it.

export interface CronSchedule {
  /** The first activation strictly after `after` (ms since epoch), or undefined if none within 5 years. */
  next(after: number): number | undefined;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: Object.fromEntries(MONTHS.map((m, i) => [m, i + 1])) },
  { min: 0, max: 6, names: Object.fromEntries(DAYS.map((d, i) => [d, i])) },
];
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** A field's allowed values as a set, and whether it was written as `*` or `?` (which changes day matching). */
interface FieldSet {
  values: Set<number>;
  star: boolean;
}

function parseInt10(text: string): number {
  if (!/^[+-]?\d+$/.test(text))
    throw new Error(`failed to parse int from ${text}: strconv.Atoi: parsing "${text}": invalid syntax`);
  const n = Number(text);
  if (n < 0) throw new Error(`negative number (${n}) not allowed: ${text}`);
  return n;
}

function parseValue(text: string, bounds: Bounds): number {
  const named = bounds.names?.[text.toLowerCase()];
  return named ?? parseInt10(text);
}

function parseRange(expr: string, bounds: Bounds, into: FieldSet): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = bounds.min;
    end = bounds.max;
    star = true;
  } else {
    start = parseValue(lowAndHigh[0]!, bounds);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseValue(lowAndHigh[1]!, bounds);
    else throw new Error(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseInt10(rangeAndStep[1]!);
    if (single) end = bounds.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) throw new Error(`too many slashes: ${expr}`);
  if (start < bounds.min)
    throw new Error(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new Error(`end of range (${end}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) into.values.add(v);
  if (star) into.star = true;
}

function parseField(text: string, bounds: Bounds): FieldSet {
  const set: FieldSet = { values: new Set(), star: false };
  for (const part of text.split(',')) parseRange(part, bounds, set);
  return set;
}

/** Whether Intl knows the IANA zone (Go's time.LoadLocation, for what the two share). */
export function isKnownTimeZone(zone: string): boolean {
  if (zone === '' || zone.toLowerCase() === 'local') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Parses a standard cron spec; throws robfig/cron's messages. `zone` is spec.timeZone (UTC if absent). */
export function parseCronSchedule(spec: string, zone = 'UTC'): CronSchedule {
  let text = spec.trim();
  if (text === '') throw new Error('empty spec string');
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) {
    const space = text.indexOf(' ');
    const name = text.slice(text.indexOf('=') + 1, space < 0 ? undefined : space);
    if (!isKnownTimeZone(name)) throw new Error(`provided bad location ${name}: unknown time zone ${name}`);
    zone = name;
    text = space < 0 ? '' : text.slice(space).trim();
  }
  if (text.startsWith('@every ')) {
    const seconds = parseGoDuration(text.slice(7).trim());
    const delay = Math.max(1, Math.floor(seconds)) * 1000;
    return { next: (after) => Math.floor((after + delay) / 1000) * 1000 };
  }
  if (text.startsWith('@')) {
    const expanded = DESCRIPTORS[text];
    if (!expanded) throw new Error(`unrecognized descriptor: ${text}`);
    text = expanded;
  }
  const fields = text.split(/\s+/).filter(Boolean);
  if (fields.length !== 5)
    throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, FIELDS[i]!)) as [
    FieldSet,
    FieldSet,
    FieldSet,
    FieldSet,
    FieldSet,
  ];
  const clock = zonedClock(zone);
  const dayMatches = (w: Wall) => {
    const domOk = dom.values.has(w.day);
    const dowOk = dow.values.has(w.weekday);
    return dom.star || dow.star ? domOk && dowOk : domOk || dowOk;
  };
  return { next: (after) => nextActivation(after, clock, { minute, hour, month, dayMatches }) };
}

function parseGoDuration(text: string): number {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/gy;
  let total = 0;
  let seen = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * units[m[2]!]!;
    seen = re.lastIndex;
  }
  if (seen === 0 || seen !== text.length)
    throw new Error(`failed to parse duration @every ${text}: time: invalid duration "${text}"`);
  return total;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

interface Clock {
  wall(ms: number): Wall;
  /** Go's time.Date: normalizes overflowing fields, resolves wall time to an instant in the zone. */
  date(year: number, month: number, day: number, hour: number, minute: number, second: number): number;
}

function zonedClock(zone: string): Clock {
  const utcWall = (ms: number): Wall => {
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      weekday: d.getUTCDay(),
    };
  };
  if (zone === 'UTC' || zone === 'Etc/UTC') {
    return {
      wall: utcWall,
      date: (y, mo, d, h, mi, s) => Date.UTC(y, mo - 1, d, h, mi, s),
    };
  }
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const wall = (ms: number): Wall => {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(new Date(Math.floor(ms / 1000) * 1000)))
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const asUtc = Date.UTC(
      parts.year!,
      parts.month! - 1,
      parts.day!,
      parts.hour!,
      parts.minute!,
      parts.second!,
    );
    return { ...utcWall(asUtc) };
  };
  const offset = (ms: number) => {
    const w = wall(ms);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
  };
  return {
    wall,
    date: (y, mo, d, h, mi, s) => {
      const local = Date.UTC(y, mo - 1, d, h, mi, s);
      const first = offset(local);
      const second = offset(local - first);
      return local - (second === first ? first : second);
    },
  };
}

function nextActivation(
  after: number,
  clock: Clock,
  s: { minute: FieldSet; hour: FieldSet; month: FieldSet; dayMatches(w: Wall): boolean },
): number | undefined {
  // robfig/cron's Next: start at the next whole second, then walk month, day, hour, minute, second.
  let t = Math.floor(after / 1000) * 1000 + 1000;
  let added = false;
  const yearLimit = clock.wall(t).year + 5;
  wrap: for (;;) {
    let w = clock.wall(t);
    if (w.year > yearLimit) return undefined;
    while (!s.month.values.has(w.month)) {
      if (!added) {
        added = true;
        t = clock.date(w.year, w.month, 1, 0, 0, 0);
        w = clock.wall(t);
      }
      t = clock.date(w.year, w.month + 1, w.day, w.hour, w.minute, w.second);
      w = clock.wall(t);
      if (w.month === 1) continue wrap;
    }
    while (!s.dayMatches(w)) {
      if (!added) {
        added = true;
        t = clock.date(w.year, w.month, w.day, 0, 0, 0);
        w = clock.wall(t);
      }
      t = clock.date(w.year, w.month, w.day + 1, w.hour, w.minute, w.second);
      w = clock.wall(t);
      // A DST change can move midnight: go back to 00:00 (or on to the next day's).
      if (w.hour !== 0) {
        t += (w.hour > 12 ? 24 - w.hour : -w.hour) * 3_600_000;
        w = clock.wall(t);
      }
      if (w.day === 1) continue wrap;
    }
    while (!s.hour.values.has(w.hour)) {
      if (!added) {
        added = true;
        t = clock.date(w.year, w.month, w.day, w.hour, 0, 0);
      }
      t += 3_600_000;
      w = clock.wall(t);
      if (w.hour === 0) continue wrap;
    }
    while (!s.minute.values.has(w.minute)) {
      if (!added) {
        added = true;
        t = Math.floor(t / 60_000) * 60_000;
      }
      t += 60_000;
      w = clock.wall(t);
      if (w.minute === 0) continue wrap;
    }
    while (w.second !== 0) {
      if (!added) {
        added = true;
        t = Math.floor(t / 1000) * 1000;
      }
      t += 1000;
      w = clock.wall(t);
      if (w.second === 0) continue wrap;
    }
    return t;
  }
}
