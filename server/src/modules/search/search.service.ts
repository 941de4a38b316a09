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
type Found = Pick<Page<unknown>, 'total' | 'totalCapped'> & { items: Item[] };

/** Each kind: who may search it, the list it searches (so scope and field rules are the list's own), how a hit reads. */
type Searcher = {
  permission: Permission;
  /** Fields a role may hide: a phone number or address searches the kind only for those who may read them. */
  fieldsOf?: ScopedModule;
  search: (ctx: AppContext, actor: Actor, q: string, limit: number) => Promise<Found>;
};

/** "a · b · c" of the facts present. */
const facts = (...values: Array<string | null | undefined>) => values.filter(Boolean).join(' · ');

const searchers: Record<SearchType, Searcher> = {
  customers: {
    permission: 'customers.view',
    fieldsOf: 'customers',
    search: async (ctx, actor, q, limit) => {
      const page = await listCustomers(ctx, actor, CustomerQuery.parse({ q, pageSize: limit }));
      return {
        ...page,
        items: page.items.map((c) => ({
          id: c.id,
          title: c.name,
          subtitle: facts(c.code, c.city ?? c.province, c.ownerName),
          url: `/customers/${c.id}`,
          status: c.level,
        })),
      };
    },
  },
  contacts: {
    permission: 'contacts.view',
    fieldsOf: 'contacts',
    search: async (ctx, actor, q, limit) => {
      const page = await listContacts(ctx, actor, ContactQuery.parse({ q, pageSize: limit }));
      return {
        ...page,
        items: page.items.map((c) => ({
          id: c.id,
          title: c.name,
          subtitle: facts(c.customerName, c.title, c.mobile ?? c.phone),
          url: `/customers/${c.customerId}`,
          status: null,
        })),
      };
    },
  },
  leads: {
    permission: 'leads.view',
    fieldsOf: 'leads',
    search: async (ctx, actor, q, limit) => {
      const page = await listLeads(ctx, actor, LeadQuery.parse({ q, pageSize: limit }));
      return {
        ...page,
        items: page.items.map((l) => ({
          id: l.id,
          title: l.name,
          subtitle: facts(l.code, l.company, l.ownerName),
          url: `/leads/${l.id}`,
          status: l.status,
        })),
      };
    },
  },
  opportunities: {
    permission: 'opportunities.view',
    search: async (ctx, actor, q, limit) => {
      const page = await listOpportunities(ctx, actor, OpportunityQuery.parse({ q, pageSize: limit }));
      return {
        ...page,
        items: page.items.map((o) => ({
          id: o.id,
          title: o.name,
          subtitle: facts(o.code, o.customerName, o.ownerName),
          url: `/opportunities/${o.id}`,
          status: o.status,
        })),
      };
    },
  },
  quotes: {
    permission: 'quotes.view',
    search: async (ctx, actor, q, limit) => {
      const page = await listQuotes(ctx, actor, QuoteQuery.parse({ q, pageSize: limit }));
      return {
        ...page,
        items: page.items.map((x) => ({
          id: x.id,
          title: facts(x.number, x.title),
          subtitle: facts(x.customerName, x.ownerName),
          url: `/quotes/${x.id}`,
          status: x.status,
        })),
      };
    },
  },
  orders: {
    permission: 'orders.view',
    search: async (ctx, actor, q, limit) => {
      const page = await listOrders(ctx, actor, OrderQuery.parse({ q, pageSize: limit }));
      return {
        ...page,
        items: page.items.map((o) => ({
          id: o.id,
          title: facts(o.number, o.title),
          subtitle: facts(o.customerName, o.ownerName),
          url: `/orders/${o.id}`,
          status: o.status,
        })),
      };
    },
  },
  contracts: {
    permission: 'contracts.view',
    search: async (ctx, actor, q, limit) => {
      const page = await listContracts(ctx, actor, ContractQuery.parse({ q, pageSize: limit }));
      return {
        ...page,
        items: page.items.map((c) => ({
          id: c.id,
          title: facts(c.number, c.name),
          subtitle: facts(c.customerName, c.ownerName),
          url: `/contracts?q=${encodeURIComponent(c.number)}`,
          status: c.status,
        })),
      };
    },
  },
  tickets: {
    permission: 'tickets.view',
    search: async (ctx, actor, q, limit) => {
      const page = await listTickets(ctx, actor, TicketQuery.parse({ q, pageSize: limit }));
      return {
        ...page,
        items: page.items.map((x) => ({
          id: x.id,
          title: facts(x.number, x.subject),
          subtitle: facts(x.customerName ?? x.requesterName, x.assigneeName),
          url: `/tickets/${x.id}`,
          status: x.status,
        })),
      };
    },
  },
  articles: {
    permission: 'knowledge.view',
    search: async (ctx, actor, q, limit) => {
      const page = await listArticles(ctx, staffReader(actor), ArticleQuery.parse({ q, pageSize: limit }));
      return {
        ...page,
        items: page.items.map((a) => ({
          id: a.id,
          title: a.title,
          subtitle: facts(a.category, a.excerpt.slice(0, 60)),
          url: `/kb/${a.id}`,
          status: a.status,
        })),
      };
    },
  },
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
function readableFor(actor: Actor, searcher: Searcher, term: { term: string; phone: boolean }): boolean {
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
    const found = await searcher.search(ctx, actor, term.term, query.limit);
    if (!found.items.length) continue;
    groups.push({
      type,
      total: found.total,
      ...(found.totalCapped ? { totalCapped: true } : {}),
      items: found.items.map((item) => ({ ...item, type })),
    });
  }
  return { groups };
}
