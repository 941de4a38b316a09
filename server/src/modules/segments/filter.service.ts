import {
  type CustomField,
  customFieldPrefix,
  isSegmentGroup,
  maxSegmentConditions,
  maxSegmentDepth,
  type SegmentCondition,
  type SegmentEntity,
  type SegmentField,
  segmentCustomFieldEntities,
  segmentFields,
  type SegmentGroup,
  segmentOperators,
  toMinorUnits,
  valuelessOperators,
} from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { dayStart, todayIn } from '../../db/time.ts';
import { listCustomFields } from '../custom-fields/index.ts';
import { listDictionaryOptions } from '../dictionaries/index.ts';
import { getSettings } from '../settings/index.ts';
import { AppError, type FieldMessage } from '../../platform/errors.ts';
import { departmentSubtree } from '../../platform/scope.ts';
import type { CompiledCondition, CompiledGroup } from './filter.repository.ts';
import { existingIds } from './segments.repository.ts';

const amountPattern = /^-?\d{1,13}(\.\d{1,2})?$/;
const countFields = ['ordersCount', 'ticketCount'];
const dayMs = 86_400_000;

type Resolved = SegmentField & { custom?: CompiledCondition['custom']; options?: readonly string[] };

function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);
const daysBefore = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * dayMs).toISOString().slice(0, 10);

/** The fields of an entity a filter may use: the whitelist, and its enabled custom fields as `cf.<key>`. */
export async function fieldsOf(
  db: Kysely<DB>,
  entity: SegmentEntity,
  hidden: string[] = [],
): Promise<Map<string, Resolved>> {
  const fields = new Map<string, Resolved>(
    segmentFields[entity].filter((f) => !hidden.includes(f.key)).map((f) => [f.key, f as Resolved]),
  );
  if (segmentCustomFieldEntities.includes(entity)) {
    const custom = await listCustomFields(db, entity as CustomField['entity']);
    for (const f of custom.filter((c) => c.enabled)) {
      const type = f.type === 'select' ? 'choice' : f.type === 'multiselect' ? 'multichoice' : f.type;
      fields.set(`${customFieldPrefix}${f.key}`, {
        key: `${customFieldPrefix}${f.key}`,
        type,
        custom: { key: f.key, type: f.type },
        options: f.options.map((o) => o.code),
      });
    }
  }
  return fields;
}

/**
 * Checks a filter tree by meaning — a known field, an operator of its type, a value of that type (a date is a
 * date, a dictionary code exists, a user, department or campaign exists) — and puts it in the compiler's
 * terms. Every problem is reported at once, by the path of its condition (`filter.rules.0.rules.2`). A field
 * the caller may not see (`hidden`, their field rules) is no field to filter on either.
 */
export async function compileFilter(
  db: Kysely<DB>,
  entity: SegmentEntity,
  filter: SegmentGroup,
  { hidden = [], today }: { hidden?: string[]; today?: string } = {},
): Promise<CompiledGroup> {
  const fields = await fieldsOf(db, entity, hidden);
  // Days are the company's: "before 5 December" of a creation time is before midnight of that day in its
  // time zone; money behaviour is added up in its currency only.
  const { timezone, defaultCurrency } = await getSettings(db);
  const localToday = today ?? todayIn(timezone);
  /** A day as a condition's bound: the instant it starts, for a field that holds instants. */
  const bound = (field: Resolved, date: string) => (field.instant ? dayStart(date, timezone) : date);
  const errors: Record<string, FieldMessage> = {};
  let conditions = 0;
  const dictionaries = new Map<string, Set<string>>();
  const codesOf = async (field: Resolved): Promise<Set<string> | null> => {
    if (field.codes) return new Set(field.codes);
    if (field.options) return new Set(field.options);
    if (!field.dictionary) return null;
    if (!dictionaries.has(field.dictionary))
      dictionaries.set(
        field.dictionary,
        new Set((await listDictionaryOptions(db, field.dictionary)).map((o) => o.code)),
      );
    return dictionaries.get(field.dictionary)!;
  };

  const condition = async (c: SegmentCondition, path: string): Promise<CompiledCondition | null> => {
    const fail = (key: string, params?: Record<string, string | number>) => {
      errors[path] = { key, params };
      return null;
    };
    const field = fields.get(c.field);
    if (!field) return fail('segmentUnknownField', { field: c.field });
    const ops: readonly string[] = segmentOperators[field.type];
    if (!ops.includes(c.op)) return fail('segmentOperator', { op: c.op });
    if (c.days !== undefined && !field.period) return fail('segmentNoPeriod');
    const out: CompiledCondition = {
      field: field.custom ? c.field : field.key,
      type: field.type,
      custom: field.custom,
      op: c.op,
      since: c.days ? dayStart(daysBefore(localToday, c.days), timezone) : undefined,
      ...(field.type === 'money' ? { currency: defaultCurrency } : {}),
    };
    if (valuelessOperators.includes(c.op)) return out;
    const v = c.value;
    const pair = c.op === 'between';
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length))
      return fail('segmentValueRequired');
    if (pair && (!Array.isArray(v) || v.length !== 2)) return fail('segmentValuePair');

    const list = Array.isArray(v) ? v : [v];
    switch (field.type) {
      case 'text':
        if (typeof v !== 'string') return fail('segmentValueText');
        return { ...out, value: v };
      case 'number': {
        if (!list.every((x) => typeof x === 'number' && Number.isFinite(x))) return fail('mustBeNumber');
        if (countFields.includes(field.key.replace('customer.', '')) && !list.every((x) => Number.isInteger(x)))
          return fail('mustBeInteger');
        if (!pair && Array.isArray(v)) return fail('mustBeNumber');
        return { ...out, value: pair ? (list as number[]) : (v as number) };
      }
      case 'money': {
        const texts = list.map((x) => (typeof x === 'number' ? String(x) : x));
        if (!texts.every((x) => typeof x === 'string' && amountPattern.test(x))) return fail('invalidAmount');
        if (!pair && Array.isArray(v)) return fail('invalidAmount');
        const minor = texts.map((x) => toMinorUnits(x as string));
        return { ...out, value: pair ? minor : minor[0] };
      }
      case 'date': {
        if (c.op === 'inLastDays' || c.op === 'notInLastDays') {
          if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 36_600) return fail('segmentValueDays');
          return {
            ...out,
            op: c.op === 'inLastDays' ? 'gte' : 'notGte',
            value: bound(field, daysBefore(localToday, v)),
          };
        }
        if (!list.every(isIsoDate) || (!pair && Array.isArray(v))) return fail('invalidDate');
        const dates = list as string[];
        if (c.op === 'before') return { ...out, op: 'lt', value: bound(field, dates[0]) };
        if (c.op === 'after') return { ...out, op: 'gte', value: bound(field, dayAfter(dates[0])) };
        if (dates[1] < dates[0]) return fail('segmentEndBeforeStart');
        return { ...out, op: 'range', value: [bound(field, dates[0]), bound(field, dayAfter(dates[1]))] };
      }
      case 'choice':
      case 'multichoice': {
        if (!list.every((x) => typeof x === 'string' && x.trim())) return fail('segmentValueList');
        const known = await codesOf(field);
        const unknown = known && (list as string[]).find((x) => !known.has(x));
        if (unknown) return fail('segmentUnknownCode', { value: unknown });
        return { ...out, value: list as string[] };
      }
      case 'region': {
        const places = list as string[];
        if (!places.every((x) => typeof x === 'string' && /^[^/]{1,50}(\/[^/]{1,50})?$/.test(x.trim())))
          return fail('segmentValueRegion');
        return { ...out, value: places.map((x) => x.trim()) };
      }
      case 'user':
      case 'department':
      case 'campaign': {
        if (!list.every((x) => typeof x === 'number' && Number.isInteger(x) && x > 0 && x <= 2_147_483_647))
          return fail('segmentValueIds');
        const ids = [...new Set(list as number[])];
        const table = field.type === 'user' ? 'users' : field.type === 'department' ? 'departments' : 'campaigns';
        const found = await existingIds(db, table, ids);
        const missing = ids.find((id) => !found.has(id));
        if (missing !== undefined) return fail('segmentUnknownRecord', { id: missing });
        if (field.type !== 'department') return { ...out, value: ids };
        const tree = new Set<number>();
        for (const id of ids) for (const d of await departmentSubtree(db, id)) tree.add(d);
        return { ...out, value: [...tree] };
      }
    }
  };

  const group = async (g: SegmentGroup, path: string, depth: number): Promise<CompiledGroup> => {
    if (depth > maxSegmentDepth) errors[path] = { key: 'segmentTooDeep', params: { max: maxSegmentDepth } };
    const rules: CompiledGroup['rules'] = [];
    for (const [i, rule] of g.rules.entries()) {
      const at = `${path}.rules.${i}`;
      if (isSegmentGroup(rule)) rules.push(await group(rule, at, depth + 1));
      else {
        conditions += 1;
        const compiled = await condition(rule, at);
        if (compiled) rules.push(compiled);
      }
    }
    return { combinator: g.combinator, not: g.not, rules };
  };

  const compiled = await group(filter, 'filter', 1);
  if (conditions > maxSegmentConditions)
    errors.filter = { key: 'segmentTooManyConditions', params: { max: maxSegmentConditions } };
  if (Object.keys(errors).length) throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', errors);
  return compiled;
}
