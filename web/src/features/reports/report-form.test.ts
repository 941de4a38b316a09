import type { ReportColumn } from '@relate/common';
import { describe, expect, it } from 'vitest';
import { definitionOf, formOf, matchOf, type ReportForm } from './report-form';

const kinds: Record<string, string> = {
  createdAt: 'timestamp',
  departmentId: 'department',
  status: 'text',
  total: 'money',
};
const kindOf = (field?: string) => (field ? kinds[field] : undefined);

describe('report form', () => {
  it('leaves out unfinished measures and renumbers the ratios that divide the ones kept', () => {
    const form: ReportForm = {
      source: 'orders',
      groupings: [{ field: 'departmentId', unit: 'month', departmentLevel: 2 }, { unit: 'month' }],
      measures: [
        { aggregate: 'sum' },
        { aggregate: 'count', condition: { field: 'status', values: ['approved'] } },
        { aggregate: 'count' },
        { aggregate: 'ratio', of: [1, 2] },
        { aggregate: 'ratio', of: [0, 2] },
      ],
      period: { field: 'createdAt', value: 'thisMonth' },
      compare: 'previousYear',
      otherFilters: [{ field: 'status', op: 'ne', value: 'cancelled' }],
    };
    expect(definitionOf(form, kindOf)).toEqual({
      source: 'orders',
      groupBy: [{ field: 'departmentId', departmentLevel: 2 }],
      measures: [
        { aggregate: 'count', where: [{ field: 'status', op: 'in', value: ['approved'] }] },
        { aggregate: 'count' },
        { aggregate: 'ratio', of: [0, 1] },
      ],
      filters: [
        { field: 'createdAt', op: 'within', value: 'thisMonth' },
        { field: 'status', op: 'ne', value: 'cancelled' },
      ],
      compare: 'previousYear',
    });
  });

  it('compares only with a period chosen, and reads a definition back into the same form', () => {
    const form: ReportForm = {
      source: 'orders',
      groupings: [{ field: 'createdAt', unit: 'quarter' }],
      measures: [{ aggregate: 'sum', field: 'total' }],
      period: { field: 'createdAt' },
      compare: 'previousPeriod',
      otherFilters: [],
    };
    const definition = definitionOf(form, kindOf);
    expect(definition).not.toHaveProperty('compare');
    expect(formOf(definition)).toEqual({ ...form, period: {}, compare: undefined });
  });

  it('asks the records of a row by its groupings’ values only', () => {
    const column = (key: string, kind: ReportColumn['kind']) => ({ key, kind }) as ReportColumn;
    expect(
      matchOf([column('ownerId', 'group'), column('count', 'measure')], {
        ownerId: 3,
        'ownerId:label': '张三',
        count: 2,
      }),
    ).toEqual({ ownerId: 3 });
  });
});
