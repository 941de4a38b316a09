import type { SegmentEntity, SegmentFieldType } from '@relate/common';
import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** Orders that count as bought (as customer value counts them): approved and on their way, delivered or completed. */
const boughtStatuses = ['approved', 'partially_delivered', 'delivered', 'completed'];
/** Campaign member statuses that count as a response. */
const responseStatuses = ['responded', 'converted'];

/**
 * A condition checked by meaning and put in the compiler's terms by the service: dates are bounds
 * (`lt` the day after "before", `gte` the start of a period), money is minor units, departments carry
 * their subtrees, a custom field names its key and type. Only whitelisted fields reach this file.
 */
export type CompiledCondition = {
  field: string;
  type: SegmentFieldType;
  custom?: { key: string; type: 'text' | 'number' | 'date' | 'select' | 'multiselect' };
  op: string;
  value?: string | number | Array<string | number>;
  /** Behaviour counted from this instant on (the start of a day in the company's time zone). */
  since?: string;
  /** The currency money behaviour is added up in (the company's): amounts in others are left out. */
  currency?: string;
};
export type CompiledGroup = {
  combinator: 'and' | 'or';
  not?: boolean;
  rules: Array<CompiledGroup | CompiledCondition>;
};

/** What a segment selects: a filter tree (dynamic) or its member rows (static). */
export type Selection =
  | { entity: SegmentEntity; kind: 'dynamic'; filter: CompiledGroup }
  | { entity: SegmentEntity; kind: 'static'; segmentId: number };

type Expr = RawBuilder<unknown>;
type Predicate = RawBuilder<boolean>;

const isGroup = (rule: CompiledGroup | CompiledCondition): rule is CompiledGroup => 'combinator' in rule;
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const truth = sql<boolean>`1 = 1`;
const not = (p: Predicate) => sql<boolean>`not coalesce(${p}, false)`;

/** Whether a tree reads its contacts' customers (a `customer.*` field). */
function usesCustomer(group: CompiledGroup): boolean {
  return group.rules.some((r) => (isGroup(r) ? usesCustomer(r) : r.field.startsWith('customer.')));
}

class Compiler {
  constructor(
    readonly entity: SegmentEntity,
    readonly dialect: Dialect,
  ) {}

  /** The id of the customer whose behaviour counts: the row's own, or a contact's customer. */
  get customerId(): Expr {
    return this.entity === 'contacts' ? sql.ref('t.customer_id') : sql.ref('t.id');
  }

  group(group: CompiledGroup): Predicate {
    const parts = group.rules.map((r) => (isGroup(r) ? this.group(r) : this.condition(r)));
    const joined = parts.length ? sql<boolean>`(${sql.join(parts, sql` ${sql.raw(group.combinator)} `)})` : truth;
    return group.not ? not(joined) : joined;
  }

  condition(c: CompiledCondition): Predicate {
    const own = c.field.startsWith('customer.') ? c.field.slice('customer.'.length) : c.field;
    const table = c.field.startsWith('customer.') ? 'cu' : 't';
    if (c.custom) return this.custom(c);
    switch (own) {
      case 'tags':
        return this.tags(c);
      case 'region':
        return this.region(c, table);
      case 'campaign':
        return this.campaign(c);
      default:
        return this.compare(this.value(own, table, c), c, c.type === 'text' || c.type === 'choice');
    }
  }

  /** The value a condition compares: a column, or a behaviour figure of the customer. */
  value(field: string, table: string, c: CompiledCondition): Expr {
    const cid = this.customerId;
    const since = (column: string) => (c.since ? sql`and ${sql.ref(column)} >= ${c.since}` : sql``);
    switch (field) {
      case 'ordersCount':
        return sql`(select count(*) from orders o where o.customer_id = ${cid} and o.deleted_at is null
          and o.status in (${sql.join(boughtStatuses)}) ${since('o.created_at')})`;
      case 'revenue':
        return sql`(select coalesce(sum(o.total), 0) from orders o where o.customer_id = ${cid} and o.deleted_at is null
          and o.status in (${sql.join(boughtStatuses)}) and o.currency = ${c.currency} ${since('o.created_at')})`;
      case 'openReceivables':
        return sql`(select coalesce(sum(i.amount - i.received), 0) from instalments i
          inner join orders o on o.id = i.order_id
          where i.customer_id = ${cid} and o.deleted_at is null and i.received < i.amount
            and o.currency = ${c.currency})`;
      case 'ticketCount':
        return sql`(select count(*) from tickets k where k.customer_id = ${cid} and k.deleted_at is null
          ${since('k.created_at')})`;
      case 'csat':
        return sql`(select avg(k.satisfaction_score) from tickets k where k.customer_id = ${cid}
          and k.deleted_at is null and k.satisfaction_score is not null ${since('k.created_at')})`;
      case 'rfmClass':
        return sql`(select v.class from customer_values v where v.customer_id = ${cid})`;
      default:
        return sql.ref(`${table}.${snake(field)}`);
    }
  }

  /** A comparison of a value by the condition's operator; `textual` says whether "empty" includes ''. */
  compare(e: Expr, c: CompiledCondition, textual: boolean): Predicate {
    const v = c.value;
    const list = Array.isArray(v) ? v : [v];
    switch (c.op) {
      case 'eq':
        return sql<boolean>`${e} = ${v}`;
      case 'ne':
        return not(sql<boolean>`${e} = ${v}`);
      case 'gt':
        return sql<boolean>`${e} > ${v}`;
      case 'gte':
        return sql<boolean>`${e} >= ${v}`;
      case 'lt':
        return sql<boolean>`${e} < ${v}`;
      case 'lte':
        return sql<boolean>`${e} <= ${v}`;
      case 'between':
        return sql<boolean>`${e} between ${list[0]} and ${list[1]}`;
      case 'range':
        return sql<boolean>`(${e} >= ${list[0]} and ${e} < ${list[1]})`;
      case 'notGte':
        return not(sql<boolean>`${e} >= ${v}`);
      case 'contains':
        return this.contains(e, String(v));
      case 'notContains':
        return not(this.contains(e, String(v)));
      case 'in':
        return sql<boolean>`${e} in (${sql.join(list)})`;
      case 'notIn':
        return not(sql<boolean>`${e} in (${sql.join(list)})`);
      case 'empty':
        return textual ? sql<boolean>`(${e} is null or ${e} = '')` : sql<boolean>`${e} is null`;
      case 'notEmpty':
        return textual ? sql<boolean>`(${e} is not null and ${e} <> '')` : sql<boolean>`${e} is not null`;
      default:
        throw new Error(`operator ${c.op}`);
    }
  }

  contains(e: Expr, text: string): Predicate {
    const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    return sql<boolean>`lower(${e}) like ${pattern} escape '\\'`;
  }

  tags(c: CompiledCondition): Predicate {
    const cid = this.customerId;
    const any = sql<boolean>`exists (select 1 from customer_tags g where g.customer_id = ${cid})`;
    if (c.op === 'empty') return not(any);
    if (c.op === 'notEmpty') return any;
    const list = c.value as string[];
    const some = sql<boolean>`exists (select 1 from customer_tags g where g.customer_id = ${cid}
      and g.tag in (${sql.join(list)}))`;
    return c.op === 'noneOf' ? not(some) : some;
  }

  region(c: CompiledCondition, table: string): Predicate {
    const province = sql.ref(`${table}.province`);
    const city = sql.ref(`${table}.city`);
    const parts = (c.value as string[]).map((place) => {
      const [p, town] = place.split('/');
      return town ? sql<boolean>`(${province} = ${p} and ${city} = ${town})` : sql<boolean>`${province} = ${p}`;
    });
    const any = sql<boolean>`(${sql.join(parts, sql` or `)})`;
    return c.op === 'notIn' ? not(any) : any;
  }

  campaign(c: CompiledCondition): Predicate {
    const responded = c.op === 'respondedTo' ? sql`and m.status in (${sql.join(responseStatuses)})` : sql``;
    const member = sql<boolean>`exists (select 1 from campaign_members m where m.entity = ${this.entity}
      and m.entity_id = ${sql.ref('t.id')} and m.campaign_id in (${sql.join(c.value as number[])}) ${responded})`;
    return c.op === 'notMemberOf' ? not(member) : member;
  }

  /** A custom field's value read from the row's JSON column: text, a number, an ISO date, or options. */
  custom(c: CompiledCondition): Predicate {
    const { key, type } = c.custom!;
    const column = sql.ref('t.custom_fields');
    if (type === 'multiselect') {
      const some =
        this.dialect === 'sqlite'
          ? (values: string[]) =>
              sql<boolean>`exists (select 1 from json_each(${column}, ${`$."${key}"`}) j where j.value in (${sql.join(values)}))`
          : (values: string[]) => sql<boolean>`coalesce(jsonb_exists_any(${column} -> ${key}, ${values}), false)`;
      const any =
        this.dialect === 'sqlite'
          ? sql<boolean>`exists (select 1 from json_each(${column}, ${`$."${key}"`}))`
          : sql<boolean>`coalesce(jsonb_typeof(${column} -> ${key}) = 'array' and jsonb_array_length(${column} -> ${key}) > 0, false)`;
      if (c.op === 'empty') return not(any);
      if (c.op === 'notEmpty') return any;
      const hit = some(c.value as string[]);
      return c.op === 'noneOf' ? not(hit) : hit;
    }
    let e: Expr;
    if (this.dialect === 'sqlite') e = sql`json_extract(${column}, ${`$."${key}"`})`;
    else {
      const text = sql`(${column} ->> ${key})`;
      // A value stored before the field became a number must not fail the whole count: it reads as empty.
      e = type === 'number' ? sql`(case when ${text} ~ '^-?[0-9]+(\\.[0-9]+)?$' then (${text})::numeric end)` : text;
    }
    return this.compare(e, c, type === 'text' || type === 'select');
  }
}

/** The rows of a selection that a scope sees, not in the recycle bin, as `t`. */
function selectionQuery(db: Kysely<DB>, dialect: Dialect, scope: Scope, selection: Selection) {
  const any = db as unknown as Kysely<any>;
  let qb: SelectQueryBuilder<any, any, object> = any
    .selectFrom(`${selection.entity} as t`)
    .where('t.deleted_at', 'is', null);
  if (selection.kind === 'static') {
    qb = qb.where(
      sql<boolean>`t.id in (select sm.entity_id from segment_members sm where sm.segment_id = ${selection.segmentId})`,
    );
  } else {
    if (selection.entity === 'contacts' && usesCustomer(selection.filter))
      qb = qb.innerJoin('customers as cu', 'cu.id', 't.customer_id');
    qb = qb.where(new Compiler(selection.entity, dialect).group(selection.filter));
  }
  return whereInScope(qb, 't', scope);
}

/** How many records a selection holds in a scope: one count by the database. */
export async function countSelection(db: Kysely<DB>, dialect: Dialect, scope: Scope, selection: Selection) {
  const row = await selectionQuery(db, dialect, scope, selection)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const detailColumn = { customers: 't.code', contacts: 't.customer_name', leads: 't.company' } as const;

/** A page of a selection's records in id order, with a name and a detail (code, customer, company). */
export function selectionPage(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  selection: Selection,
  page: { limit: number; offset: number },
) {
  return selectionQuery(db, dialect, scope, selection)
    .select([
      sql<number>`t.id`.as('id'),
      sql<string>`t.name`.as('name'),
      sql<string | null>`${sql.ref(detailColumn[selection.entity])}`.as('detail'),
    ])
    .orderBy('t.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute() as Promise<Array<{ id: number; name: string; detail: string | null }>>;
}

/** Every id of a selection in a scope, in one statement (one snapshot of the data), in id order. */
export async function selectionIds(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  selection: Selection,
  limit?: number,
) {
  const ordered = selectionQuery(db, dialect, scope, selection)
    .select(sql<number>`t.id`.as('id'))
    .orderBy('t.id');
  const rows = (await (limit === undefined ? ordered : ordered.limit(limit)).execute()) as Array<{ id: number }>;
  return rows.map((r) => Number(r.id));
}

/** Those of `ids` that are records of the entity in the scope, not in the recycle bin. */
export async function visibleAmong(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  entity: SegmentEntity,
  ids: number[],
): Promise<number[]> {
  const found: number[] = [];
  const everything: Selection = { entity, kind: 'dynamic', filter: { combinator: 'and', rules: [] } };
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await selectionQuery(db, dialect, scope, everything)
      .select(sql<number>`t.id`.as('id'))
      .where('t.id', 'in', ids.slice(i, i + 500))
      .execute()) as Array<{ id: number }>;
    found.push(...rows.map((r) => Number(r.id)));
  }
  return found;
}
