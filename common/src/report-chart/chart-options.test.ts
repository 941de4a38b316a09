import type { ReportColumn, ReportResult } from '../schemas/reports.ts';
import { describe, expect, it } from 'vitest';
import { type ChartKind, chartPlan, roundUp } from './chart-options.ts';
import { combined, pickOf, valuesOf } from './report-groups.ts';

const column = (key: string, patch: Partial<ReportColumn>): ReportColumn => ({
  key,
  kind: 'group',
  field: key,
  type: 'text',
  aggregate: null,
  unit: null,
  dictionary: null,
  ...patch,
});
const province = column('g0', { field: 'province' });
const owner = column('g1', { field: 'ownerId' });
const count = column('m0', { kind: 'measure', field: null, type: 'number', aggregate: 'count' });
const amount = column('m1', { kind: 'measure', field: 'amount', type: 'money', aggregate: 'sum' });

const result = (columns: ReportColumn[], rows: ReportResult['rows'], totals = {}): ReportResult => ({
  columns,
  rows,
  totals,
  truncated: false,
  currency: 'CNY',
});
const byProvinceAndOwner = result(
  [province, owner, count, amount],
  [
    { g0: '广东省', g1: 1, 'g1:label': '张三', m0: 3, m1: 150000 },
    { g0: '广东省', g1: 2, 'g1:label': '李四', m0: 1, m1: 2000 },
    { g0: '北京市', g1: 1, 'g1:label': '张三', m0: 2, m1: 999 },
  ],
  { m0: 6, m1: 152999 },
);

const plan = (kind: ChartKind, of = byProvinceAndOwner) =>
  chartPlan({
    result: of,
    kind,
    title: (c) => c.key,
    text: (c, row) => String(row[`${c.key}:label`] ?? row[c.key] ?? '-'),
    locale: 'zh-CN',
    clickable: true,
    look: {
      palette: ['#1677ff'],
      fontFamily: 'sans-serif',
      text: '#000',
      secondaryText: '#666',
      border: '#ddd',
      mapEmpty: '#eee',
      mapLow: '#e6f4ff',
      mapHigh: '#1677ff',
      mapHover: '#faad14',
    },
  });
const seriesOf = (kind: ChartKind, of = byProvinceAndOwner): any[] => {
  const p = plan(kind, of);
  if (!('option' in p)) throw new Error(p.problem);
  return p.option.series as never;
};

describe('chartPlan', () => {
  it('sets bars of the second grouping side by side (none counted is 0), stacked in a stacked bar and an area', () => {
    expect(seriesOf('bar').map((s) => [s.name, s.stack, s.data.map((d: { value: number }) => d.value)])).toEqual([
      ['张三', undefined, [3, 2]],
      ['李四', undefined, [1, 0]],
    ]);
    expect(seriesOf('stackedBar').map((s) => s.stack)).toEqual(['total', 'total']);
    expect(seriesOf('area').map((s) => [s.type, s.stack, Boolean(s.areaStyle)])).toEqual([
      ['line', 'total', true],
      ['line', 'total', true],
    ]);
    expect(seriesOf('line')[0].areaStyle).toBeUndefined();
  });

  it('names the row behind a bar, and the province alone behind a slice that sums two', () => {
    expect(seriesOf('bar')[1].data[0].pick).toEqual(byProvinceAndOwner.rows[1]);
    const [guangdong, beijing] = seriesOf('pie')[0].data;
    expect(guangdong).toMatchObject({ name: '广东省', value: 4, pick: { g0: '广东省' } });
    expect(Object.keys(guangdong.pick)).toEqual(['g0']);
    expect(beijing.pick).toEqual(byProvinceAndOwner.rows[2]);
  });

  it('opens a donut in the middle but not a pie, and keeps funnel steps in the order given', () => {
    expect(seriesOf('pie')[0].radius).toBe('70%');
    expect(seriesOf('donut')[0].radius).toEqual(['42%', '70%']);
    expect(seriesOf('funnel')[0]).toMatchObject({ sort: 'none' });
    expect(seriesOf('funnel')[0].data.map((d: { name: string }) => d.name)).toEqual(['广东省', '北京市']);
  });

  it('places each row by its first two measures in a scatter, money in major units, and wants two', () => {
    expect(seriesOf('scatter')[0].data[0]).toMatchObject({ name: '广东省 · 张三', value: [3, 1500] });
    expect(plan('scatter', result([province, count], [{ g0: '广东省', m0: 1 }], { m0: 1 }))).toEqual({
      problem: 'needsTwoMeasures',
    });
  });

  it('shows the first measure’s total on a gauge up to a round figure, or up to 100 for a percentage', () => {
    expect(seriesOf('gauge')[0]).toMatchObject({ min: 0, max: 10, data: [{ value: 6 }] });
    const rate = column('m0', { kind: 'measure', type: 'percent', aggregate: 'avg' });
    expect(seriesOf('gauge', result([rate], [{ m0: 42 }], { m0: 42 }))[0]).toMatchObject({ max: 100 });
    expect([0, 3, 6, 10, 11, 240, 2600].map(roundUp)).toEqual([1, 5, 10, 10, 20, 250, 5000]);
  });

  it('puts the provinces on the map by their short names, and wants provinces', () => {
    expect(seriesOf('map')[0].map).toBe('china');
    expect(seriesOf('map')[0].data.map((d: { name: string; value: number }) => [d.name, d.value])).toEqual([
      ['广东', 4],
      ['北京', 2],
    ]);
    expect(plan('map', result([owner, count], [{ g1: 1, m0: 1 }], { m0: 1 }))).toEqual({
      problem: 'needsProvinces',
    });
  });
});

describe('report groups', () => {
  it('reads periods in time order, empty last, and other values in the order given', () => {
    const month = column('g0', { unit: 'month' });
    const rows = [{ g0: '2024-03' }, { g0: null }, { g0: '2024-01' }, { g0: '2024-03' }];
    expect(valuesOf(rows, month, (row) => String(row.g0)).map((v) => [v.value, v.rows.length])).toEqual([
      ['2024-01', 1],
      ['2024-03', 2],
      [null, 1],
    ]);
    expect(valuesOf(rows, province, (row) => String(row.g0)).map((v) => v.value)).toEqual(['2024-03', null, '2024-01']);
  });

  it('names the groupings, with a user’s name, for a figure summed from several rows', () => {
    expect(pickOf(byProvinceAndOwner.rows.slice(0, 2), [province])).toEqual({ g0: '广东省' });
    expect(pickOf(byProvinceAndOwner.rows.slice(0, 1), [province])).toBe(byProvinceAndOwner.rows[0]);
    expect(pickOf([byProvinceAndOwner.rows[0], byProvinceAndOwner.rows[2]], [owner])).toEqual({
      g1: 1,
      'g1:label': '张三',
    });
    expect(pickOf([], [province])).toBeUndefined();
  });

  it('adds counts and sums, keeps the least minimum and largest maximum, and tells no average', () => {
    const rows = [{ m: 2 }, { m: 5 }, { m: null }];
    const of = (aggregate: ReportColumn['aggregate']) =>
      combined(rows, column('m', { kind: 'measure', type: 'number', aggregate }));
    expect([of('count'), of('sum'), of('min'), of('max'), of('avg'), of('distinct')]).toEqual([7, 7, 2, 5, null, null]);
    expect(combined([], count)).toBe(0);
  });
});
