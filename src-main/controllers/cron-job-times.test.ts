import { describe, expect, it } from 'vitest';
import type { CronJob } from '../shared/batch-types';
import { parseCronSchedule } from '../shared/cron-schedule';
import {
  NEXT_SCHEDULE_DELTA_MS,
  mostRecentScheduleTime,
  nextScheduleTime,
  nextScheduleTimeDuration,
} from './cron-job-times';

// Ported from Kubernetes' pkg/controller/cronjob/utils_test.go (1.32).
const TOP = Date.parse('2016-05-19T10:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();

function cronJob(schedule: string, created: number, last?: number, deadline?: number): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'mycronjob', namespace: 'default', creationTimestamp: iso(created) },
    spec: {
      schedule,
      startingDeadlineSeconds: deadline,
      jobTemplate: { spec: { template: { spec: { containers: [] } } } },
    },
    status: last === undefined ? {} : { lastScheduleTime: iso(last) },
  };
}

describe('mostRecentScheduleTime (TestMostRecentScheduleTime)', () => {
  const cases: {
    name: string;
    cj: CronJob;
    includeSDS?: boolean;
    now: number;
    earliest?: number;
    recent?: number;
    missed?: 'none' | 'few' | 'many';
    wantErr?: boolean;
  }[] = [
    { name: 'now before next schedule', cj: cronJob('0 * * * *', TOP), now: TOP + 30_000, earliest: TOP },
    {
      name: 'now just after next schedule',
      cj: cronJob('0 * * * *', TOP),
      now: TOP + 61 * MIN,
      recent: TOP + 60 * MIN,
      earliest: TOP,
    },
    {
      name: 'missed 5 schedules',
      cj: cronJob('0 * * * *', TOP + 10_000),
      now: TOP + 301 * MIN,
      recent: TOP + 300 * MIN,
      earliest: TOP + 10_000,
      missed: 'few',
    },
    {
      name: 'complex schedule',
      cj: cronJob('30 6-16/4 * * 1-5', TOP, TOP + 30 * MIN),
      now: TOP + 24 * HOUR + 31 * MIN,
      recent: TOP + 24 * HOUR + 30 * MIN,
      earliest: TOP + 30 * MIN,
      missed: 'few',
    },
    {
      name: 'another complex schedule',
      cj: cronJob('30 10,11,12 * * 1-5', TOP, TOP + 30 * MIN),
      now: TOP + 30 * HOUR + 30 * MIN,
      earliest: TOP + 30 * MIN,
      missed: 'few',
    },
    {
      name: 'complex schedule with longer diff between executions',
      cj: cronJob('30 6-16/4 * * 1-5', TOP, TOP + 30 * MIN),
      now: TOP + 96 * HOUR + 31 * MIN,
      recent: TOP + 96 * HOUR + 30 * MIN,
      earliest: TOP + 30 * MIN,
      missed: 'few',
    },
    {
      name: 'complex schedule with shorter diff between executions',
      cj: cronJob('30 6-16/4 * * 1-5', TOP),
      now: TOP + 24 * HOUR + 31 * MIN,
      recent: TOP + 24 * HOUR + 30 * MIN,
      earliest: TOP,
      missed: 'few',
    },
    {
      name: '@every schedule',
      cj: cronJob('@every 1h', TOP - 59 * MIN, TOP + MIN, 10),
      now: TOP + 7 * 24 * HOUR,
      recent: TOP + 6 * 24 * HOUR + 23 * HOUR + MIN,
      earliest: TOP + MIN,
      missed: 'many',
    },
    { name: 'rogue cronjob', cj: cronJob('59 23 31 2 *', TOP + 10_000), now: TOP + HOUR, wantErr: true },
    {
      name: 'earliestTime being CreationTimestamp and LastScheduleTime',
      cj: cronJob('0 * * * *', TOP, TOP),
      now: TOP + 30_000,
      earliest: TOP,
    },
    {
      name: 'earliestTime being LastScheduleTime',
      cj: cronJob('*/5 * * * *', TOP, TOP + 30 * MIN),
      now: TOP + 31 * MIN,
      earliest: TOP + 30 * MIN,
    },
    {
      name: 'earliestTime being LastScheduleTime (within StartingDeadlineSeconds)',
      cj: cronJob('*/5 * * * *', TOP, TOP + 30 * MIN, 60),
      now: TOP + 31 * MIN,
      earliest: TOP + 30 * MIN,
    },
    {
      name: 'earliestTime being LastScheduleTime (outside StartingDeadlineSeconds)',
      cj: cronJob('*/5 * * * *', TOP, TOP + 30 * MIN, 60),
      includeSDS: true,
      now: TOP + 32 * MIN,
      earliest: TOP + 31 * MIN,
    },
  ];
  it.each(cases)('$name', (c) => {
    const got = mostRecentScheduleTime(c.cj, c.now, parseCronSchedule(c.cj.spec.schedule), !!c.includeSDS);
    if (c.wantErr) {
      // Go's Next gives the zero time for a schedule that never fires; ours gives none, so no recent time.
      expect(got.mostRecent).toBeUndefined();
      return;
    }
    expect(got.earliest).toBe(c.earliest);
    expect(got.mostRecent).toBe(c.recent);
    expect(got.missed).toBe(c.missed ?? 'none');
  });
});

describe('nextScheduleTime (TestNextScheduleTime)', () => {
  const T1 = TOP;
  const T2 = TOP + HOUR;
  const cases: { name: string; cj: CronJob; now: number; want?: number | 'some' }[] = [
    {
      name: 'no known start times, none needed yet',
      cj: cronJob('0 * * * ?', T1 - 10 * MIN),
      now: T1 - 7 * MIN,
    },
    {
      name: 'no known start times, one needed',
      cj: cronJob('0 * * * ?', T1 - 10 * MIN),
      now: T1 + 2000,
      want: T1,
    },
    {
      name: 'known LastScheduleTime, none needed',
      cj: cronJob('0 * * * ?', T1 - 10 * MIN, T1),
      now: T1 + 2 * MIN,
    },
    {
      name: 'known LastScheduleTime, one needed',
      cj: cronJob('0 * * * ?', T1 - 10 * MIN, T1),
      now: T2 + 5 * MIN,
      want: T2,
    },
    {
      name: 'known LastScheduleTime, two starts needed',
      cj: cronJob('0 * * * ?', T1 - 2 * HOUR, T1 - HOUR),
      now: T2 + 5 * MIN,
      want: T2,
    },
    {
      name: 'way ahead of last start, no deadline',
      cj: cronJob('0 * * * ?', T1 - 2 * HOUR, T1 - HOUR),
      now: T2 + 10 * 24 * HOUR,
      want: 'some',
    },
    {
      name: 'way ahead of last start, short deadline',
      cj: cronJob('0 * * * ?', T1 - 2 * HOUR, T1 - HOUR, 2 * 60 * 60),
      now: T2 + 10 * 24 * HOUR,
      want: 'some',
    },
  ];
  it.each(cases)('$name', (c) => {
    const got = nextScheduleTime(c.cj, c.now, parseCronSchedule(c.cj.spec.schedule));
    if (c.want === 'some') expect(got.time).toBeDefined();
    else expect(got.time).toBe(c.want);
  });

  it('reports too many missed start times past 100', () => {
    const got = nextScheduleTime(
      cronJob('* * * * *', T1, T1),
      T1 + 200 * MIN,
      parseCronSchedule('* * * * *'),
    );
    expect(got).toMatchObject({ time: T1 + 200 * MIN, tooManyMissed: true });
  });
});

describe('nextScheduleTimeDuration (TestNextScheduleTimeDuration)', () => {
  const cases: { name: string; cj: CronJob; now: number; want: number }[] = [
    {
      name: 'complex schedule skipping weekend',
      cj: cronJob('30 6-16/4 * * 1-5', TOP, TOP + 30 * MIN),
      now: TOP + 24 * HOUR + 31 * MIN,
      want: 3 * HOUR + 59 * MIN,
    },
    {
      name: 'another complex schedule skipping weekend',
      cj: cronJob('30 10,11,12 * * 1-5', TOP, TOP + 30 * MIN),
      now: TOP + 30 * HOUR + 30 * MIN,
      want: 66 * HOUR,
    },
    {
      name: 'once a week cronjob, missed two runs',
      cj: cronJob('0 12 * * 4', TOP, TOP + 2 * HOUR),
      now: TOP + 19 * 24 * HOUR + HOUR + 30 * MIN,
      want: 48 * HOUR + 30 * MIN,
    },
    {
      name: 'no previous run of a cronjob',
      cj: cronJob('0 12 * * 5', TOP),
      now: TOP + 6 * HOUR,
      want: 20 * HOUR,
    },
  ];
  it.each(cases)('$name', (c) => {
    expect(nextScheduleTimeDuration(c.cj, c.now, parseCronSchedule(c.cj.spec.schedule))).toBe(
      c.want + NEXT_SCHEDULE_DELTA_MS,
    );
  });
});

describe('parseCronSchedule (robfig/cron ParseStandard and Next)', () => {
  const next = (spec: string, from: string, zone?: string) =>
    iso(parseCronSchedule(spec, zone).next(Date.parse(from))!);
  it.each([
    ['*/15 * * * *', '2024-01-01T10:07:00Z', '2024-01-01T10:15:00.000Z'],
    ['0 0 * * *', '2024-01-01T10:07:00Z', '2024-01-02T00:00:00.000Z'],
    ['@hourly', '2024-01-01T10:00:00Z', '2024-01-01T11:00:00.000Z'],
    ['@daily', '2024-01-01T10:00:00Z', '2024-01-02T00:00:00.000Z'],
    ['@midnight', '2024-01-01T10:00:00Z', '2024-01-02T00:00:00.000Z'],
    ['@weekly', '2024-01-01T10:00:00Z', '2024-01-07T00:00:00.000Z'],
    ['@monthly', '2024-01-15T10:00:00Z', '2024-02-01T00:00:00.000Z'],
    ['@yearly', '2024-01-15T10:00:00Z', '2025-01-01T00:00:00.000Z'],
    ['@annually', '2024-01-15T10:00:00Z', '2025-01-01T00:00:00.000Z'],
    ['0 9 * jan-mar mon-fri', '2024-03-29T10:00:00Z', '2025-01-01T09:00:00.000Z'],
    ['5-10/2 * * * *', '2024-01-01T10:06:00Z', '2024-01-01T10:07:00.000Z'],
    ['0 0 13 * 5', '2024-01-01T00:00:00Z', '2024-01-05T00:00:00.000Z'], // day of month OR day of week
    ['0 0 29 2 *', '2023-03-01T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('%s after %s is %s', (spec, from, want) => {
    expect(next(spec, from)).toBe(want);
  });

  it('runs in the given time zone', () => {
    expect(next('0 9 * * *', '2024-07-01T00:00:00Z', 'Europe/Paris')).toBe('2024-07-01T07:00:00.000Z');
    expect(next('TZ=America/New_York 0 9 * * *', '2024-01-01T00:00:00Z')).toBe('2024-01-01T14:00:00.000Z');
  });

  it.each([
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['', 'empty spec string'],
  ])('refuses %j: %s', (spec, message) => {
    expect(() => parseCronSchedule(spec)).toThrow(message);
  });
});
