import type { ColumnType, Generated } from 'kysely';
import type { Timestamps, Owned } from './columns.ts';

// Customers: customers, their tags and search entries, contacts, anniversaries, the public pool.
// Columns in camelCase: CamelCasePlugin maps them to snake_case.

export type CustomerTable = Timestamps &
  Owned & {
    id: Generated<number>;
    code: string;
    name: string;
    nameNorm: string;
    type: string;
    level: string | null;
    creditLevel: string | null;
    stage: string | null;
    industry: string | null;
    source: string | null;
    country: string | null;
    province: string | null;
    city: string | null;
    district: string | null;
    divisionCode: string | null;
    address: string | null;
    phone: string | null;
    phoneNorm: string | null;
    email: string | null;
    website: string | null;
    remark: string | null;
    customFields: unknown;
    searchText: string;
    searchGrams: Generated<string[]>;
    lastFollowupAt: string | null;
    nextFollowupAt: string | null;
    mergedIntoId: number | null;
    poolId: number | null;
    claimedAt: string | null;
    returnWarnedAt: string | null;
  };

export type CustomerTagTable = { customerId: number; tag: string };

/** A bigram index of SQLite (FTS5): customers', contacts', tickets', opportunities' and orders' own. */
export type CustomerSearchTable = { rowid: number; grams: string };

export type ContactTable = Timestamps &
  Owned & {
    id: Generated<number>;
    customerId: number;
    name: string;
    gender: string;
    title: string | null;
    department: string | null;
    mobile: string | null;
    phone: string | null;
    email: string | null;
    wechat: string | null;
    birthday: string | null;
    isPrimary: number;
    decisionRole: string | null;
    remark: string | null;
    /** zh-CN or en: the language mail is written to them in (migration 0076); null: not known. */
    language: ColumnType<string | null, string | null | undefined, string | null>;
    searchText: string;
    /**
     * Its customer's name, kept by the database (migration 0048). An insert may give it (saving the
     * database a second write); no update writes it.
     */
    customerName: ColumnType<string, string | undefined, never>;
    /** The default score group's total of its reasons (migration 0081), written by scoring. */
    score: ColumnType<number, number | undefined, number>;
  };

export type AnniversaryTable = {
  id: Generated<number>;
  contactId: number;
  type: string;
  date: string;
  /** 'solar' or 'lunar' (migration 0067). */
  calendar: ColumnType<string, string | undefined, string>;
  /** Month × 100 + day, in the anniversary's own calendar. */
  monthDay: number;
  /** 1 when a lunar anniversary's month is a leap month. */
  lunarLeap: ColumnType<number, number | undefined, number>;
  leapRule: ColumnType<string, string | undefined, string>;
  remindDaysBefore: number;
  remark: string | null;
};

export type PoolTable = Timestamps & { id: Generated<number>; name: string; departmentId: number | null };

export type PoolClaimTable = { id: Generated<number>; userId: number; customerId: number; claimedAt: string };

export type CustomerTables = {
  customers: CustomerTable;
  customerTags: CustomerTagTable;
  customerSearch: CustomerSearchTable;
  contactSearch: CustomerSearchTable;
  ticketSearch: CustomerSearchTable;
  opportunitySearch: CustomerSearchTable;
  orderSearch: CustomerSearchTable;
  contacts: ContactTable;
  anniversaries: AnniversaryTable;
  pools: PoolTable;
  poolClaims: PoolClaimTable;
};
