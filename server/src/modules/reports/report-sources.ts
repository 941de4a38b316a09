import type { ReportFieldKind, ReportSource, ScopedModule } from '@relate/common';
import { type RawBuilder, sql } from 'kysely';
import { campaignFigure, type CampaignFigureName, campaignFigureTables } from '../campaigns/index.ts';

/**
 * What a field's values are, which says how it may be used: text, dictionary codes, users, departments,
 * customers, products and categories are grouped and counted; numbers and money are also added up;
 * dates and times are grouped by period and filtered by relative periods.
 */
export type FieldKind = ReportFieldKind;

export type ReportField = {
  /** The column, snake_case as in the database. */
  column: string;
  /** The joined table (its alias in `SourceSpec.joins`) the column is read from; the source's own table when absent. */
  from?: string;
  kind: FieldKind;
  /** The dictionary a dictionary field's codes come from. */
  dictionary?: string;
  /** A key of a JSON column (a custom field): the value is read from it as text. */
  jsonKey?: string;
  /** A field of another module read through a join: hidden whenever that module's field is hidden. */
  guardedAs?: { module: ScopedModule; field: string };
  /** Values with an order of their own (a pipeline's stages): rows grouped by the field read in it. */
  orderedBy?: { column: string; from?: string };
  /** A dictionary field whose options are steps (a customer's stage): rows grouped by it read in the options' order. */
  stepsOfDictionary?: true;
  /**
   * A figure worked out from the column's value by a subquery (a campaign's leads or received payments, from
   * its id), in the company's currency where it is money.
   */
  figure?: (column: RawBuilder<unknown>, companyCurrency: string) => RawBuilder<unknown>;
};

/** A table joined to the source on `from.column = alias.key` (left join unless `required`). */
export type ReportJoin = {
  alias: string;
  table: string;
  column: string;
  /** The alias the joining column is read from; the source's table when absent. */
  from?: string;
  key: string;
  /** An inner join: every record has one, and the scope or the recycle bin is read from it. */
  required?: boolean;
};

export type SourceSpec = {
  table: string;
  /** The data scope that limits the records counted, and the field rules that hide fields. */
  module: ScopedModule;
  /** The alias whose owner and department decide the scope (and whose recycle bin counts): the source's own table when absent. */
  scopeFrom?: string;
  /** Whether the scoping table keeps deleted records (in the recycle bin), which no report counts. */
  softDelete: boolean;
  /** A column of the source's table that holds a value in each of its records (an answered invitation is an answer). */
  present?: string;
  /** The currency column of a source with money, and the alias it is read from. */
  currency?: { column: string; from?: string };
  /** Tables a field, the scope or the currency may be read from. */
  joins?: ReportJoin[];
  /** How one of its records is named, and where it opens: for the records behind a figure. */
  title: { column: string; from?: string };
  detail: { column: string; from?: string };
  /** Where a record opens: the path followed by the column's value (its own page, or its customer's, order's or ticket's). */
  link: { path: string; column: string; from?: string };
  fields: Record<string, ReportField>;
  /** Further tables its figures are read from (whose changes change a report's answer). */
  figuresRead?: readonly string[];
  /** Its money is in the company's currency (figures of several records), not in a currency column of each. */
  moneyInCompanyCurrency?: true;
  /** The company's currency, which figures are read in: given when a report is resolved. */
  companyCurrency?: string;
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

/** A campaign's own figure (without its child campaigns'), from the campaign's id. */
const campaignFigureField = (name: CampaignFigureName, kind: 'number' | 'money'): ReportField => ({
  column: 'id',
  kind,
  figure: (id, currency) => campaignFigure(name, sql`(${id})`, currency),
});

/** The customer a record belongs to, joined as `customer` on the record's `customer_id`. */
const customerJoin = (from?: string): ReportJoin => ({
  alias: 'customer',
  table: 'customers',
  column: 'customer_id',
  from,
  key: 'id',
});

/** The facts of a record's customer: grouped by its region, level or industry (as the customer's fields allow). */
const ofCustomer = {
  customerId: { column: 'customer_id', kind: 'customer' },
  customerProvince: {
    column: 'province',
    from: 'customer',
    kind: 'text',
    guardedAs: { module: 'customers', field: 'province' },
  },
  customerCity: { column: 'city', from: 'customer', kind: 'text', guardedAs: { module: 'customers', field: 'city' } },
  customerLevel: {
    ...dictionary('level', 'customer_level'),
    from: 'customer',
    guardedAs: { module: 'customers', field: 'level' },
  },
  customerIndustry: {
    ...dictionary('industry', 'industry'),
    from: 'customer',
    guardedAs: { module: 'customers', field: 'industry' },
  },
} as const satisfies Record<string, ReportField>;

/** The sources a report may count, each with the fields it may filter, group and measure. */
export const reportSourceSpecs: Record<ReportSource, SourceSpec> = {
  customers: {
    table: 'customers',
    module: 'customers',
    softDelete: true,
    joins: [{ alias: 'value', table: 'customer_values', column: 'id', key: 'customer_id' }],
    title: { column: 'name' },
    detail: { column: 'code' },
    link: { path: '/customers/', column: 'id' },
    fields: {
      ...owned,
      ...region,
      id: { column: 'id', kind: 'number' },
      name: { column: 'name', kind: 'text' },
      type: { column: 'type', kind: 'text' },
      level: dictionary('level', 'customer_level'),
      stage: { ...dictionary('stage', 'customer_stage'), stepsOfDictionary: true },
      industry: dictionary('industry', 'industry'),
      source: dictionary('source', 'customer_source'),
      creditLevel: dictionary('credit_level', 'credit_level'),
      district: { column: 'district', kind: 'text' },
      phone: { column: 'phone', kind: 'text' },
      email: { column: 'email', kind: 'text' },
      lastFollowupAt: { column: 'last_followup_at', kind: 'timestamp' },
      nextFollowupAt: { column: 'next_followup_at', kind: 'timestamp' },
      /** The class of customer value (RFM) of the last scoring. */
      rfmClass: { column: 'class', from: 'value', kind: 'text' },
      rfmMonetary: { column: 'monetary', from: 'value', kind: 'money' },
    },
  },
  contacts: {
    table: 'contacts',
    module: 'contacts',
    softDelete: true,
    joins: [customerJoin()],
    title: { column: 'name' },
    detail: { column: 'name', from: 'customer' },
    link: { path: '/customers/', column: 'customer_id' },
    fields: {
      ...owned,
      ...ofCustomer,
      id: { column: 'id', kind: 'number' },
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
    title: { column: 'name' },
    detail: { column: 'company' },
    link: { path: '/leads/', column: 'id' },
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
    joins: [customerJoin()],
    title: { column: 'name', from: 'customer' },
    detail: { column: 'occurred_at' },
    link: { path: '/customers/', column: 'customer_id' },
    fields: {
      ...owned,
      ...ofCustomer,
      id: { column: 'id', kind: 'number' },
      type: dictionary('type', 'followup_type'),
      occurredAt: { column: 'occurred_at', kind: 'timestamp' },
      nextFollowupAt: { column: 'next_followup_at', kind: 'timestamp' },
    },
  },
  opportunities: {
    table: 'opportunities',
    module: 'opportunities',
    softDelete: true,
    currency: { column: 'currency' },
    joins: [customerJoin(), { alias: 'stage', table: 'pipeline_stages', column: 'stage_id', key: 'id' }],
    title: { column: 'name' },
    detail: { column: 'code' },
    link: { path: '/opportunities/', column: 'id' },
    fields: {
      ...owned,
      ...ofCustomer,
      id: { column: 'id', kind: 'number' },
      pipelineId: { column: 'pipeline_id', kind: 'number' },
      stage: {
        ...dictionary('code', 'sales_stage'),
        from: 'stage',
        orderedBy: { column: 'sort_order', from: 'stage' },
      },
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
    currency: { column: 'currency' },
    joins: [customerJoin()],
    title: { column: 'number' },
    detail: { column: 'title' },
    link: { path: '/quotes/', column: 'id' },
    fields: {
      ...owned,
      ...ofCustomer,
      id: { column: 'id', kind: 'number' },
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
    currency: { column: 'currency' },
    joins: [customerJoin()],
    title: { column: 'number' },
    detail: { column: 'title' },
    link: { path: '/orders/', column: 'id' },
    fields: {
      ...owned,
      ...ofCustomer,
      id: { column: 'id', kind: 'number' },
      status: { column: 'status', kind: 'text' },
      ...documentAmounts,
      requestedDeliveryDate: { column: 'requested_delivery_date', kind: 'date' },
      approvedAt: { column: 'approved_at', kind: 'timestamp' },
      closedAt: { column: 'closed_at', kind: 'timestamp' },
    },
  },
  orderLines: {
    table: 'order_lines',
    module: 'orders',
    // A line is seen, and counted, with its order.
    scopeFrom: 'order',
    softDelete: true,
    currency: { column: 'currency', from: 'order' },
    joins: [
      { alias: 'order', table: 'orders', column: 'order_id', key: 'id', required: true },
      customerJoin('order'),
      { alias: 'product', table: 'products', column: 'product_id', key: 'id' },
    ],
    title: { column: 'name' },
    detail: { column: 'number', from: 'order' },
    link: { path: '/orders/', column: 'order_id' },
    fields: {
      ownerId: { column: 'owner_id', from: 'order', kind: 'user' },
      departmentId: { column: 'department_id', from: 'order', kind: 'department' },
      orderStatus: { column: 'status', from: 'order', kind: 'text' },
      orderedAt: { column: 'created_at', from: 'order', kind: 'timestamp' },
      customerId: { column: 'customer_id', from: 'order', kind: 'customer' },
      customerProvince: { ...ofCustomer.customerProvince },
      customerCity: { ...ofCustomer.customerCity },
      customerLevel: { ...ofCustomer.customerLevel },
      customerIndustry: { ...ofCustomer.customerIndustry },
      productId: { column: 'product_id', kind: 'product' },
      categoryId: { column: 'category_id', from: 'product', kind: 'category' },
      quantity: { column: 'quantity_milli', kind: 'quantity' },
      deliveredQuantity: { column: 'delivered_milli', kind: 'quantity' },
      net: { column: 'net', kind: 'money' },
      tax: { column: 'tax', kind: 'money' },
      total: { column: 'total', kind: 'money' },
    },
  },
  receipts: {
    table: 'receipts',
    module: 'receipts',
    softDelete: false,
    currency: { column: 'currency' },
    joins: [customerJoin()],
    title: { column: 'number' },
    detail: { column: 'received_on' },
    link: { path: '/customers/', column: 'customer_id' },
    fields: {
      ...owned,
      ...ofCustomer,
      id: { column: 'id', kind: 'number' },
      receivedOn: { column: 'received_on', kind: 'date' },
      amount: { column: 'amount', kind: 'money' },
      method: { column: 'method', kind: 'text' },
      status: { column: 'status', kind: 'text' },
      confirmedAt: { column: 'confirmed_at', kind: 'timestamp' },
    },
  },
  instalments: {
    table: 'instalments',
    // Payment plans are seen with their orders.
    module: 'orders',
    softDelete: false,
    currency: { column: 'currency' },
    joins: [customerJoin(), { alias: 'order', table: 'orders', column: 'order_id', key: 'id' }],
    title: { column: 'number', from: 'order' },
    detail: { column: 'due_date' },
    link: { path: '/orders/', column: 'order_id' },
    fields: {
      ownerId: { column: 'owner_id', kind: 'user' },
      departmentId: { column: 'department_id', kind: 'department' },
      ...ofCustomer,
      orderId: { column: 'order_id', kind: 'number' },
      seq: { column: 'seq', kind: 'number' },
      dueDate: { column: 'due_date', kind: 'date' },
      amount: { column: 'amount', kind: 'money' },
      received: { column: 'received', kind: 'money' },
      createdAt: { column: 'created_at', kind: 'timestamp' },
    },
  },
  invoices: {
    table: 'invoices',
    // Invoices are seen with their orders.
    module: 'orders',
    softDelete: false,
    currency: { column: 'currency' },
    joins: [customerJoin()],
    title: { column: 'number' },
    detail: { column: 'buyer_title' },
    link: { path: '/customers/', column: 'customer_id' },
    fields: {
      ownerId: { column: 'owner_id', kind: 'user' },
      departmentId: { column: 'department_id', kind: 'department' },
      createdBy: { column: 'created_by', kind: 'user' },
      createdAt: { column: 'created_at', kind: 'timestamp' },
      ...ofCustomer,
      id: { column: 'id', kind: 'number' },
      type: { column: 'type', kind: 'text' },
      status: { column: 'status', kind: 'text' },
      issuedOn: { column: 'issued_on', kind: 'date' },
      amount: { column: 'amount', kind: 'money' },
      tax: { column: 'tax', kind: 'money' },
    },
  },
  contracts: {
    table: 'contracts',
    module: 'contracts',
    softDelete: true,
    currency: { column: 'currency' },
    joins: [customerJoin()],
    title: { column: 'number' },
    detail: { column: 'name' },
    link: { path: '/contracts?q=', column: 'number' },
    fields: {
      ...owned,
      ...ofCustomer,
      id: { column: 'id', kind: 'number' },
      category: dictionary('category', 'contract_category'),
      status: { column: 'status', kind: 'text' },
      amount: { column: 'amount', kind: 'money' },
      signedOn: { column: 'signed_on', kind: 'date' },
      startsOn: { column: 'starts_on', kind: 'date' },
      endsOn: { column: 'ends_on', kind: 'date' },
    },
  },
  tickets: {
    table: 'tickets',
    module: 'tickets',
    softDelete: true,
    joins: [customerJoin()],
    title: { column: 'number' },
    detail: { column: 'subject' },
    link: { path: '/tickets/', column: 'id' },
    fields: {
      ...owned,
      ...ofCustomer,
      id: { column: 'id', kind: 'number' },
      type: dictionary('type', 'ticket_type'),
      category: { column: 'category', kind: 'text' },
      channel: { column: 'channel', kind: 'text' },
      priority: { column: 'priority', kind: 'text' },
      status: { column: 'status', kind: 'text' },
      severity: { column: 'severity', kind: 'text' },
      productId: { column: 'product_id', kind: 'product' },
      firstRespondedAt: { column: 'first_responded_at', kind: 'timestamp' },
      resolvedAt: { column: 'resolved_at', kind: 'timestamp' },
      closedAt: { column: 'closed_at', kind: 'timestamp' },
      firstResponseBreached: { column: 'first_response_breached', kind: 'number' },
      resolutionBreached: { column: 'resolution_breached', kind: 'number' },
      satisfactionScore: { column: 'satisfaction_score', kind: 'number' },
    },
  },
  workOrders: {
    table: 'work_orders',
    module: 'workOrders',
    softDelete: true,
    joins: [customerJoin()],
    title: { column: 'number' },
    detail: { column: 'address' },
    link: { path: '/tickets/', column: 'ticket_id' },
    fields: {
      ...owned,
      ...ofCustomer,
      id: { column: 'id', kind: 'number' },
      ticketId: { column: 'ticket_id', kind: 'number' },
      status: { column: 'status', kind: 'text' },
      appointmentStart: { column: 'appointment_start', kind: 'timestamp' },
      checkInAt: { column: 'check_in_at', kind: 'timestamp' },
      checkOutAt: { column: 'check_out_at', kind: 'timestamp' },
    },
  },
  // Calls, within the calls the caller may see (their own as an agent, their departments' as a manager).
  calls: {
    table: 'calls',
    module: 'calls',
    softDelete: false,
    joins: [customerJoin()],
    title: { column: 'peer_number' },
    detail: { column: 'ring_at' },
    link: { path: '/customers/', column: 'customer_id' },
    fields: {
      ownerId: { column: 'owner_id', kind: 'user' },
      departmentId: { column: 'department_id', kind: 'department' },
      ...ofCustomer,
      id: { column: 'id', kind: 'number' },
      direction: { column: 'direction', kind: 'text' },
      state: { column: 'state', kind: 'text' },
      queue: { column: 'queue', kind: 'text' },
      extension: { column: 'extension', kind: 'text' },
      result: dictionary('result', 'call_result'),
      ringAt: { column: 'ring_at', kind: 'timestamp' },
      answerAt: { column: 'answer_at', kind: 'timestamp' },
      endAt: { column: 'end_at', kind: 'timestamp' },
      wrappedUpAt: { column: 'wrapped_up_at', kind: 'timestamp' },
      talkSeconds: { column: 'talk_seconds', kind: 'number' },
    },
  },
  // The campaigns the caller may see, each with its own figures: members and responses, leads, deals, money
  // won and received, and cost; ROI is the ratio of the sums of net return and cost.
  campaigns: {
    table: 'campaigns',
    module: 'campaigns',
    softDelete: true,
    moneyInCompanyCurrency: true,
    figuresRead: campaignFigureTables,
    title: { column: 'name' },
    detail: { column: 'status' },
    link: { path: '/campaigns/', column: 'id' },
    fields: {
      ...owned,
      id: { column: 'id', kind: 'number' },
      name: { column: 'name', kind: 'text' },
      type: dictionary('type', 'campaign_type'),
      status: { column: 'status', kind: 'text' },
      parentId: { column: 'parent_id', kind: 'number' },
      startDate: { column: 'start_date', kind: 'date' },
      endDate: { column: 'end_date', kind: 'date' },
      budget: { column: 'budget', kind: 'money' },
      expectedRevenue: { column: 'expected_revenue', kind: 'money' },
      expectedResponse: { column: 'expected_response', kind: 'number' },
      members: campaignFigureField('members', 'number'),
      responses: campaignFigureField('responses', 'number'),
      leads: campaignFigureField('leads', 'number'),
      convertedLeads: campaignFigureField('convertedLeads', 'number'),
      opportunities: campaignFigureField('opportunities', 'number'),
      wonOpportunities: campaignFigureField('wonOpportunities', 'number'),
      wonAmount: campaignFigureField('wonAmount', 'money'),
      received: campaignFigureField('received', 'money'),
      cost: campaignFigureField('cost', 'money'),
      net: {
        column: 'id',
        kind: 'money',
        figure: (id, currency) =>
          sql`(${campaignFigure('received', sql`(${id})`, currency)} - ${campaignFigure('cost', sql`(${id})`, currency)})`,
      },
    },
  },
  // The members of the campaigns the caller may see, each with its campaign's facts.
  campaignMembers: {
    table: 'campaign_members',
    module: 'campaigns',
    scopeFrom: 'campaign',
    softDelete: true,
    joins: [{ alias: 'campaign', table: 'campaigns', column: 'campaign_id', key: 'id', required: true }],
    title: { column: 'name', from: 'campaign' },
    detail: { column: 'status' },
    link: { path: '/campaigns/', column: 'campaign_id' },
    fields: {
      ownerId: { column: 'owner_id', from: 'campaign', kind: 'user' },
      departmentId: { column: 'department_id', from: 'campaign', kind: 'department' },
      campaignId: { column: 'campaign_id', kind: 'number' },
      campaignName: { column: 'name', from: 'campaign', kind: 'text' },
      campaignType: { ...dictionary('type', 'campaign_type'), from: 'campaign' },
      campaignStatus: { column: 'status', from: 'campaign', kind: 'text' },
      entity: { column: 'entity', kind: 'text' },
      status: { column: 'status', kind: 'text' },
      source: { column: 'source', kind: 'text' },
      firstAt: { column: 'first_at', kind: 'timestamp' },
      lastAt: { column: 'last_at', kind: 'timestamp' },
      createdAt: { column: 'created_at', kind: 'timestamp' },
    },
  },
  // Answered survey invitations, of the customers the caller may see (those about no customer, to those who see all).
  surveyAnswers: {
    table: 'survey_invitations',
    module: 'customers',
    scopeFrom: 'customer',
    softDelete: false,
    present: 'answered_at',
    joins: [customerJoin(), { alias: 'survey', table: 'surveys', column: 'survey_id', key: 'id' }],
    title: { column: 'name', from: 'survey' },
    detail: { column: 'name', from: 'customer' },
    link: { path: '/customers/', column: 'customer_id' },
    fields: {
      ...ofCustomer,
      surveyName: { column: 'name', from: 'survey', kind: 'text' },
      channel: { column: 'channel', kind: 'text' },
      sentBy: { column: 'sent_by', kind: 'user' },
      sentAt: { column: 'sent_at', kind: 'timestamp' },
      answeredAt: { column: 'answered_at', kind: 'timestamp' },
      rating: { column: 'rating', kind: 'number' },
      nps: { column: 'nps', kind: 'number' },
      ticketId: { column: 'ticket_id', kind: 'number' },
    },
  },
};
