import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type ReportDateUnit, reportDateUnits } from '@relate/common';
import { periodLabel } from './reports.repository.ts';
import { openDatabase } from '../../db/database.ts';
import { fixedOffsetOf, periodOf } from '../../db/periods.ts';

/**
 * A zone that keeps one offset for good has its periods labelled by SQL on SQLite (reports.repository's
 * periodLabel); the labels must be those of periodOf for every instant, on both sides of the zone's last
 * change of offset, at the edges of days, ISO weeks, quarters and years.
 */
describe('periods in a zone of one offset', () => {
  it('finds when a zone last changed its offset, and none for a zone with summer time', () => {
    expect(fixedOffsetOf('Asia/Shanghai')).toEqual({ minutes: 480, since: '1991-09-14T17:00:00.000Z' });
    expect(fixedOffsetOf('UTC')).toEqual({ minutes: 0, since: null });
    expect(fixedOffsetOf('Asia/Kathmandu')?.minutes).toBe(345);
    expect(fixedOffsetOf('America/New_York')).toBeNull();
    expect(fixedOffsetOf('Europe/Berlin')).toBeNull();
  });

  it('labels instants as periodOf does, by SQL after the last change and per row before it', async () => {
    const { db, close } = openDatabase('sqlite::memory:');
    try {
      for (const zone of ['Asia/Shanghai', 'Asia/Kathmandu', 'UTC', 'America/New_York']) {
        const minutes = fixedOffsetOf(zone)?.minutes ?? -300;
        const label = async (value: string, unit: ReportDateUnit) => {
          const labelled = periodLabel('sqlite', sql`${value}`, { column: 'at', kind: 'timestamp' }, unit, zone);
          const { rows } = await sql<{ label: string }>`select ${labelled} as label`.execute(db);
          return rows[0].label;
        };
        // Instants near the turn of a local day (so of weeks, months, quarters and years), on both sides of
        // Shanghai's last change of offset (September 1991).
        const instant = fc
          .tuple(fc.integer({ min: 1988, max: 2060 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 31 }))
          .chain(([year, month, day]) =>
            fc.integer({ min: -3 * 60, max: 3 * 60 }).map((offset) => {
              const localMidnight = Date.UTC(year, month, day) - minutes * 60_000;
              return new Date(localMidnight + offset * 60_000 + (offset % 7) * 1000).toISOString();
            }),
          );
        await fc.assert(
          fc.asyncProperty(instant, fc.constantFrom(...reportDateUnits), async (value, unit) => {
            expect(await label(value, unit), `${zone} ${value} ${unit}`).toBe(periodOf(value, unit, zone));
          }),
          { numRuns: 300 },
        );
      }
    } finally {
      await close();
    }
  });
});
