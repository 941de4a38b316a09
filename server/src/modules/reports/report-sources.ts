import type { ReportFieldKind, ReportSource, ScopedModule } from '@relate/common';

/**
 * What a field's values are, which says how it may be used: text, dictionary codes, users and
 * departments are grouped and counted; numbers and money are also added up; dates and times are grouped
 * by period and filtered by relative periods.
 */
export type FieldKind = ReportFieldKind;

export type ReportField = {
  /** The column, snake_case as in the database. */
  column: string;
  kind: FieldKind;
  /** The dictionary a dictionary field's codes come from. */
  dictionary?: string;
};

export type SourceSpec = {
  table: string;
  /** The data scope that limits the records counted, and the field rules that hide fields. */
  module: ScopedModule;
  /** Whether the table keeps deleted records (in the recycle bin), which no report counts. */
  softDelete: boolean;
  /** The currency column of a source with money. */
  currency?: string;
  fields: Record<string, ReportField>;
};

const owned = {
  ownerId: { column: 'owner_id', kind: 'user' },
  departmentId: { column: 'department_id', kind: 'department' },
  createdBy: { column: 'created_by', kind: 'user' },
  createdAt: { column: 'created_at', kind: 'timestamp' },
  updatedAt: { column: 'updated_at', kind: 'timestamp' },
} as const satisfies Record<string, ReportField>;

const region = {
  province: { column: 'province', kind: 'text' },
  city: { column: 'city', kind: 'text' },
} as const satisfies Record<string, ReportField>;

/** The amounts of a quote or an order, in minor units. */
const documentAmounts = {
  subtotal: { column: 'subtotal', kind: 'money' },
  discount: { column: 'discount', kind: 'money' },
  tax: { column: 'tax', kind: 'money' },
  total: { column: 'total', kind: 'money' },
} as const satisfies Record<string, ReportField>;

const dictionary = (column: string, type: string): ReportField => ({ column, kind: 'dictionary', dictionary: type });

/** The sources a report may count, each with the fields it may filter, group and measure. */
export const reportSourceSpecs: Record<ReportSource, SourceSpec> = {
  customers: {
    table: 'customers',
    module: 'customers',
    softDelete: true,
    fields: {
      ...owned,
      ...region,
      id: { column: 'id', kind: 'number' },
      name: { column: 'name', kind: 'text' },
      type: { column: 'type', kind: 'text' },
      level: dictionary('level', 'customer_level'),
      stage: dictionary('stage', 'customer_stage'),
      industry: dictionary('industry', 'industry'),
      source: dictionary('source', 'customer_source'),
      creditLevel: dictionary('credit_level', 'credit_level'),
      district: { column: 'district', kind: 'text' },
      phone: { column: 'phone', kind: 'text' },
      email: { column: 'email', kind: 'text' },
      lastFollowupAt: { column: 'last_followup_at', kind: 'timestamp' },
      nextFollowupAt: { column: 'next_followup_at', kind: 'timestamp' },
    },
  },
  contacts: {
    table: 'contacts',
    module: 'contacts',
    softDelete: true,
    fields: {
      ...owned,
      id: { column: 'id', kind: 'number' },
      customerId: { column: 'customer_id', kind: 'number' },
      gender: { column: 'gender', kind: 'text' },
      title: { column: 'title', kind: 'text' },
      decisionRole: dictionary('decision_role', 'contact_role'),
      mobile: { column: 'mobile', kind: 'text' },
      phone: { column: 'phone', kind: 'text' },
      email: { column: 'email', kind: 'text' },
    },
  },
  leads: {
    table: 'leads',
    module: 'leads',
    softDelete: true,
    fields: {
      ...owned,
      ...region,
      id: { column: 'id', kind: 'number' },
      status: { column: 'status', kind: 'text' },
      source: dictionary('source', 'customer_source'),
      industry: dictionary('industry', 'industry'),
      score: { column: 'score', kind: 'number' },
      convertedAt: { column: 'converted_at', kind: 'timestamp' },
      mobile: { column: 'mobile', kind: 'text' },
      phone: { column: 'phone', kind: 'text' },
      email: { column: 'email', kind: 'text' },
    },
  },
  followups: {
    table: 'followups',
    module: 'followups',
    softDelete: true,
    fields: {
      ...owned,
      id: { column: 'id', kind: 'number' },
      customerId: { column: 'customer_id', kind: 'number' },
      type: dictionary('type', 'followup_type'),
      occurredAt: { column: 'occurred_at', kind: 'timestamp' },
      nextFollowupAt: { column: 'next_followup_at', kind: 'timestamp' },
    },
  },
  opportunities: {
    table: 'opportunities',
    module: 'opportunities',
    softDelete: true,
    currency: 'currency',
    fields: {
      ...owned,
      id: { column: 'id', kind: 'number' },
      customerId: { column: 'customer_id', kind: 'number' },
      pipelineId: { column: 'pipeline_id', kind: 'number' },
      stageId: { column: 'stage_id', kind: 'number' },
      status: { column: 'status', kind: 'text' },
      amount: { column: 'amount', kind: 'money' },
      probability: { column: 'probability', kind: 'number' },
      source: dictionary('source', 'customer_source'),
      lostReason: { column: 'lost_reason', kind: 'text' },
      expectedCloseDate: { column: 'expected_close_date', kind: 'date' },
      closedAt: { column: 'closed_at', kind: 'timestamp' },
    },
  },
  quotes: {
    table: 'quotes',
    module: 'quotes',
    softDelete: true,
    currency: 'currency',
    fields: {
      ...owned,
      id: { column: 'id', kind: 'number' },
      customerId: { column: 'customer_id', kind: 'number' },
      status: { column: 'status', kind: 'text' },
      ...documentAmounts,
      validUntil: { column: 'valid_until', kind: 'date' },
      sentAt: { column: 'sent_at', kind: 'timestamp' },
    },
  },
  orders: {
    table: 'orders',
    module: 'orders',
    softDelete: true,
    currency: 'currency',
    fields: {
      ...owned,
      id: { column: 'id', kind: 'number' },
      customerId: { column: 'customer_id', kind: 'number' },
      status: { column: 'status', kind: 'text' },
      ...documentAmounts,
      requestedDeliveryDate: { column: 'requested_delivery_date', kind: 'date' },
      approvedAt: { column: 'approved_at', kind: 'timestamp' },
      closedAt: { column: 'closed_at', kind: 'timestamp' },
    },
  },
  receipts: {
    table: 'receipts',
    module: 'receipts',
    softDelete: false,
    currency: 'currency',
    fields: {
      ...owned,
      id: { column: 'id', kind: 'number' },
      customerId: { column: 'customer_id', kind: 'number' },
      receivedOn: { column: 'received_on', kind: 'date' },
      amount: { column: 'amount', kind: 'money' },
      method: { column: 'method', kind: 'text' },
      status: { column: 'status', kind: 'text' },
      confirmedAt: { column: 'confirmed_at', kind: 'timestamp' },
    },
  },
  contracts: {
    table: 'contracts',
    module: 'contracts',
    softDelete: true,
    currency: 'currency',
    fields: {
      ...owned,
      id: { column: 'id', kind: 'number' },
      customerId: { column: 'customer_id', kind: 'number' },
      category: dictionary('category', 'contract_category'),
      status: { column: 'status', kind: 'text' },
      amount: { column: 'amount', kind: 'money' },
      signedOn: { column: 'signed_on', kind: 'date' },
      startsOn: { column: 'starts_on', kind: 'date' },
      endsOn: { column: 'ends_on', kind: 'date' },
    },
  },
};
