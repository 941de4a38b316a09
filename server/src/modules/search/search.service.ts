import {
  ArticleQuery,
  ContactQuery,
  ContractQuery,
  CustomerQuery,
  LeadQuery,
  OpportunityQuery,
  OrderQuery,
  type Page,
  type Permission,
  protectableFields,
  QuoteQuery,
  type ScopedModule,
  type SearchGroup,
  type SearchItem,
  type SearchQuery,
  type SearchResult,
  type SearchType,
  searchTypes,
  TicketQuery,
} from '@relate/common';
import { type Actor, can } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { hiddenFields } from '../../platform/field-rules.ts';
import { listContacts } from '../contacts/index.ts';
import { listContracts } from '../contracts/index.ts';
import { listCustomers } from '../customers/index.ts';
import { listArticles, staffReader } from '../knowledge/index.ts';
import { listLeads } from '../leads/index.ts';
import { listOpportunities } from '../opportunities/index.ts';
import { listOrders } from '../orders/index.ts';
import { listQuotes } from '../quotes/index.ts';
import { listTickets } from '../tickets/index.ts';

type Item = Omit<SearchItem, 'type'>;

/** Each kind: who may search it, the list it searches (so scope and field rules are the list's own), how a hit reads. */
type Searcher<T> = {
  permission: Permission;
  /** Fields a role may hide: a phone number or address searches the kind only for those who may read them. */
  fieldsOf?: ScopedModule;
  list: (ctx: AppContext, actor: Actor, q: string, limit: number) => Promise<Page<T>>;
  item: (record: T) => Item;
};
/** Keeps each kind's record type to itself while the kinds sit in one table. */
const searcher = <T>(spec: Searcher<T>): Searcher<unknown> => spec as Searcher<unknown>;

/** "a · b · c" of the facts present. */
const facts = (...values: Array<string | null | undefined>) => values.filter(Boolean).join(' · ');

const searchers: Record<SearchType, Searcher<unknown>> = {
  customers: searcher({
    permission: 'customers.view',
    fieldsOf: 'customers',
    list: (ctx, actor, q, limit) =>
      listCustomers(ctx, actor, CustomerQuery.parse({ q, pageSize: limit, count: 'glance' })),
    item: (c) => ({
      id: c.id,
      title: c.name,
      subtitle: facts(c.code, c.city ?? c.province, c.ownerName),
      url: `/customers/${c.id}`,
      status: c.level,
    }),
  }),
  contacts: searcher({
    permission: 'contacts.view',
    fieldsOf: 'contacts',
    list: (ctx, actor, q, limit) =>
      listContacts(ctx, actor, ContactQuery.parse({ q, pageSize: limit, count: 'glance' })),
    item: (c) => ({
      id: c.id,
      title: c.name,
      subtitle: facts(c.customerName, c.title, c.mobile ?? c.phone),
      url: `/customers/${c.customerId}`,
      status: null,
    }),
  }),
  leads: searcher({
    permission: 'leads.view',
    fieldsOf: 'leads',
    list: (ctx, actor, q, limit) => listLeads(ctx, actor, LeadQuery.parse({ q, pageSize: limit, count: 'glance' })),
    item: (l) => ({
      id: l.id,
      title: l.name,
      subtitle: facts(l.code, l.company, l.ownerName),
      url: `/leads/${l.id}`,
      status: l.status,
    }),
  }),
  opportunities: searcher({
    permission: 'opportunities.view',
    list: (ctx, actor, q, limit) =>
      listOpportunities(ctx, actor, OpportunityQuery.parse({ q, pageSize: limit, count: 'glance' })),
    item: (o) => ({
      id: o.id,
      title: o.name,
      subtitle: facts(o.code, o.customerName, o.ownerName),
      url: `/opportunities/${o.id}`,
      status: o.status,
    }),
  }),
  quotes: searcher({
    permission: 'quotes.view',
    list: (ctx, actor, q, limit) => listQuotes(ctx, actor, QuoteQuery.parse({ q, pageSize: limit, count: 'glance' })),
    item: (x) => ({
      id: x.id,
      title: facts(x.number, x.title),
      subtitle: facts(x.customerName, x.ownerName),
      url: `/quotes/${x.id}`,
      status: x.status,
    }),
  }),
  orders: searcher({
    permission: 'orders.view',
    list: (ctx, actor, q, limit) => listOrders(ctx, actor, OrderQuery.parse({ q, pageSize: limit, count: 'glance' })),
    item: (o) => ({
      id: o.id,
      title: facts(o.number, o.title),
      subtitle: facts(o.customerName, o.ownerName),
      url: `/orders/${o.id}`,
      status: o.status,
    }),
  }),
  contracts: searcher({
    permission: 'contracts.view',
    list: (ctx, actor, q, limit) =>
      listContracts(ctx, actor, ContractQuery.parse({ q, pageSize: limit, count: 'glance' })),
    item: (c) => ({
      id: c.id,
      title: facts(c.number, c.name),
      subtitle: facts(c.customerName, c.ownerName),
      url: `/contracts?q=${encodeURIComponent(c.number)}`,
      status: c.status,
    }),
  }),
  tickets: searcher({
    permission: 'tickets.view',
    // In update order, as every other kind: the queue's own order would sort every match.
    list: (ctx, actor, q, limit) =>
      listTickets(ctx, actor, TicketQuery.parse({ q, pageSize: limit, sort: 'updatedAt:desc', count: 'glance' })),
    item: (x) => ({
      id: x.id,
      title: facts(x.number, x.subject),
      subtitle: facts(x.customerName ?? x.requesterName, x.assigneeName),
      url: `/tickets/${x.id}`,
      status: x.status,
    }),
  }),
  articles: searcher({
    permission: 'knowledge.view',
    list: (ctx, actor, q, limit) =>
      listArticles(ctx, staffReader(actor), ArticleQuery.parse({ q, pageSize: limit, count: 'glance' })),
    item: (a) => ({
      id: a.id,
      title: a.title,
      subtitle: facts(a.category, a.excerpt.slice(0, 60)),
      url: `/kb/${a.id}`,
      status: a.status,
    }),
  }),
};

/**
 * A phone number typed any way ("+86 138-0013 8000", "0013 80") is searched as its digits, as the
 * records store them beside the number; anything else as typed.
 */
export function searchTerm(q: string): { term: string; phone: boolean } {
  const trimmed = q.trim();
  if (/^\+?[\d\s\-()]+$/.test(trimmed)) {
    let digits = trimmed.replace(/\D/g, '');
    if (/^(\+|00)86/.test(trimmed.replace(/[\s\-()]/g, ''))) digits = digits.replace(/^(00)?86/, '');
    if (digits.length >= 4) return { term: digits, phone: true };
  }
  return { term: trimmed, phone: false };
}

/** Whether the kind may be searched for this term by this caller: contact details only by who may read them. */
function readableFor(actor: Actor, searcher: Searcher<unknown>, term: { term: string; phone: boolean }): boolean {
  if (!searcher.fieldsOf || !protectableFields[searcher.fieldsOf].length) return true;
  const touchesContactDetails = term.phone || term.term.includes('@');
  return !touchesContactDetails || hiddenFields(actor, searcher.fieldsOf).length === 0;
}

/**
 * Finds records of every kind the caller may open, each kind searched through its own list (same scope,
 * same field rules, same matching), one after another: on SQLite they share one connection anyway.
 */
export async function search(ctx: AppContext, actor: Actor, query: SearchQuery): Promise<SearchResult> {
  const term = searchTerm(query.q);
  const wanted = query.types?.length ? query.types : searchTypes;
  const groups: SearchGroup[] = [];
  for (const type of searchTypes) {
    const searcher = searchers[type];
    if (!wanted.includes(type) || !can(actor, searcher.permission) || !readableFor(actor, searcher, term)) continue;
    const found = await searcher.list(ctx, actor, term.term, query.limit);
    if (!found.items.length) continue;
    groups.push({
      type,
      total: found.total,
      ...(found.totalCapped ? { totalCapped: true } : {}),
      items: found.items.map((record) => ({ ...searcher.item(record), type })),
    });
  }
  return { groups };
}
