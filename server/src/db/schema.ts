import type { Generated } from 'kysely';

/** Row types of every table, in camelCase (CamelCasePlugin maps to snake_case columns). */
type Timestamps = { createdAt: string; updatedAt: string };

export type DepartmentTable = Timestamps & {
  id: Generated<number>;
  name: string;
  parentId: number | null;
  managerId: number | null;
  sortOrder: number;
};

export type UserTable = Timestamps & {
  id: Generated<number>;
  username: string;
  displayName: string;
  email: string | null;
  mobile: string | null;
  departmentId: number | null;
  managerId: number | null;
  status: 'active' | 'disabled';
  locale: string;
  passwordHash: string;
  lastLoginAt: string | null;
};

export type RoleTable = Timestamps & {
  id: Generated<number>;
  code: string | null;
  name: string;
  nameEn: string | null;
  description: string | null;
  permissions: unknown;
  dataScopes: unknown;
  fieldRules: unknown;
};

export type UserRoleTable = { userId: number; roleId: number };

export type SessionTable = {
  id: string;
  userId: number;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  expiresAt: string;
};

export type ApiKeyTable = {
  id: Generated<number>;
  userId: number;
  name: string;
  prefix: string;
  keyHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type CaptchaTable = { id: string; answer: string; expiresAt: string };
export type LoginFailureTable = { key: string; count: number; lastFailedAt: string; lockedUntil: string | null };

export type AuditLogTable = {
  id: Generated<number>;
  createdAt: string;
  userId: number | null;
  username: string | null;
  ip: string | null;
  userAgent: string | null;
  action: string;
  entity: string;
  entityId: number | null;
  changes: unknown;
  detail: unknown;
};

export type SettingTable = { key: string; value: unknown };
export type SequenceTable = { name: string; value: number };

export type DictionaryOptionTable = {
  id: Generated<number>;
  type: string;
  code: string;
  labelZh: string;
  labelEn: string;
  sortOrder: number;
  color: string | null;
  enabled: number;
};

export type CustomFieldDefinitionTable = Timestamps & {
  id: Generated<number>;
  entity: string;
  key: string;
  labelZh: string;
  labelEn: string;
  type: string;
  options: unknown;
  required: number;
  sortOrder: number;
  enabled: number;
};

export type SavedFilterTable = {
  id: Generated<number>;
  userId: number;
  entity: string;
  name: string;
  query: unknown;
  createdAt: string;
};

type Owned = {
  ownerId: number | null;
  departmentId: number | null;
  createdBy: number | null;
  updatedBy: number | null;
  deletedAt: string | null;
  deletedBy: number | null;
};

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
    searchText: string;
  };

export type AnniversaryTable = {
  id: Generated<number>;
  contactId: number;
  type: string;
  date: string;
  monthDay: number;
  remindDaysBefore: number;
  remark: string | null;
};

export type AttachmentTable = {
  id: Generated<number>;
  entity: string;
  entityId: number;
  fileName: string;
  contentType: string;
  size: number;
  storageKey: string;
  createdBy: number | null;
  createdAt: string;
};

export type ImportTable = {
  id: Generated<number>;
  entity: string;
  status: 'running' | 'done' | 'failed';
  fileName: string;
  options: unknown;
  total: number;
  /** 1 while the file is still being read (and `total` still growing). */
  reading: Generated<number>;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: unknown;
  error: string | null;
  /** The server instance writing the import while it runs, and when it last said so. */
  lockedBy: string | null;
  lockedAt: string | null;
  createdBy: number;
  createdAt: string;
  finishedAt: string | null;
};

export type LeadTable = Timestamps &
  Owned & {
    id: Generated<number>;
    code: string;
    name: string;
    nameNorm: string;
    company: string | null;
    companyNorm: string | null;
    title: string | null;
    mobile: string | null;
    phone: string | null;
    phoneNorm: string | null;
    email: string | null;
    wechat: string | null;
    source: string | null;
    campaignId: number | null;
    industry: string | null;
    country: string | null;
    province: string | null;
    city: string | null;
    district: string | null;
    address: string | null;
    remark: string | null;
    status: string;
    disqualifyReason: string | null;
    score: number;
    convertedCustomerId: number | null;
    convertedContactId: number | null;
    convertedOpportunityId: number | null;
    convertedAt: string | null;
    searchText: string;
    lastFollowupAt: string | null;
    nextFollowupAt: string | null;
  };

export type FollowupTable = Timestamps &
  Owned & {
    id: Generated<number>;
    customerId: number | null;
    leadId: number | null;
    contactId: number | null;
    opportunityId: number | null;
    type: string;
    occurredAt: string;
    contactName: string | null;
    content: string;
    result: string | null;
    nextStep: string | null;
    nextFollowupAt: string | null;
    checkinLatitude: number | null;
    checkinLongitude: number | null;
    checkinAddress: string | null;
  };

export type NotificationTable = {
  id: Generated<number>;
  userId: number;
  kind: string;
  entity: string | null;
  entityId: number | null;
  params: unknown;
  readAt: string | null;
  createdAt: string;
};

export type AssignmentCursorTable = { scopeKey: string; lastUserId: number | null };

export type PipelineTable = Timestamps & {
  id: Generated<number>;
  name: string;
  nameEn: string | null;
  isDefault: number;
  sortOrder: number;
};

export type PipelineStageTable = {
  id: Generated<number>;
  pipelineId: number;
  code: string;
  probability: number;
  kind: string;
  sortOrder: number;
  requiredFields: unknown;
};

export type OpportunityTable = Timestamps &
  Owned & {
    id: Generated<number>;
    code: string;
    name: string;
    customerId: number;
    pipelineId: number;
    stageId: number;
    status: string;
    /** Minor units (fen, cents). */
    amount: number | null;
    currency: string;
    expectedCloseDate: string | null;
    probability: number;
    source: string | null;
    lostReason: string | null;
    nextStep: string | null;
    searchText: string;
    stageEnteredAt: string;
    closedAt: string | null;
  };

export type OpportunityContactTable = { opportunityId: number; contactId: number; role: string | null };
export type OpportunityCompetitorTable = {
  id: Generated<number>;
  opportunityId: number;
  name: string;
  strengths: string | null;
  price: number | null;
};
export type OpportunityProductTable = {
  id: Generated<number>;
  opportunityId: number;
  productId: number | null;
  productName: string;
  quantityMilli: number;
  unitPrice: number;
  sortOrder: number;
};
export type OpportunityStageHistoryTable = {
  id: Generated<number>;
  opportunityId: number;
  fromStageId: number | null;
  toStageId: number;
  changedAt: string;
  changedBy: number | null;
  secondsInPrevious: number | null;
};

export type PoolTable = Timestamps & { id: Generated<number>; name: string; departmentId: number | null };
export type PoolClaimTable = { id: Generated<number>; userId: number; customerId: number; claimedAt: string };
export type ScheduledJobTable = {
  id: Generated<number>;
  kind: string;
  runAt: string;
  payload: unknown;
  status: 'pending' | 'running' | 'done' | 'failed';
  dedupeKey: string | null;
  lockedBy: string | null;
  lockedAt: string | null;
  attempts: number;
  lastError: string | null;
  finishedAt: string | null;
  createdAt: string;
};

export type TaskTable = Timestamps &
  Owned & {
    id: Generated<number>;
    subject: string;
    type: string;
    priority: string;
    dueAt: string;
    relatedEntity: string | null;
    relatedId: number | null;
    status: string;
    remindMinutes: number | null;
    notes: string | null;
    recurrence: string;
    completedAt: string | null;
  };

export type SalesTargetTable = {
  id: Generated<number>;
  scopeType: string;
  scopeId: number;
  metric: string;
  period: string;
  /** Minor units for amounts, a plain count otherwise. */
  value: number;
  updatedBy: number | null;
  updatedAt: string;
};

export type DailyReportTable = {
  id: Generated<number>;
  ownerId: number;
  departmentId: number | null;
  reportDate: string;
  status: string;
  summary: string;
  plan: string | null;
  problems: string | null;
  /** JSON snapshot of the day's activity, taken whenever the report is saved. */
  activity: string;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ProductCategoryTable = {
  id: Generated<number>;
  name: string;
  parentId: number | null;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
};

export type ProductTable = {
  id: Generated<number>;
  code: string;
  name: string;
  categoryId: number | null;
  unit: string | null;
  specification: string | null;
  /** Minor units. */
  listPrice: number;
  costPrice: number | null;
  /** Basis points: 1300 is 13 %. */
  taxRateBp: number;
  currency: string;
  status: string;
  description: string | null;
  trackStock: number;
  reorderLevelMilli: number | null;
  searchText: string;
  createdBy: number | null;
  updatedBy: number | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deletedBy: number | null;
};

export type PriceBookTable = {
  id: Generated<number>;
  name: string;
  kind: string;
  customerLevel: string | null;
  customerId: number | null;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
  active: number;
  description: string | null;
  createdAt: string;
  updatedAt: string;
};
export type PriceBookEntryTable = { priceBookId: number; productId: number; price: number };

export type QuoteTable = Timestamps &
  Owned & {
    id: Generated<number>;
    number: string;
    /** The first version's id; every version of a quote shares it. */
    rootId: number | null;
    version: number;
    isLatest: number;
    title: string;
    customerId: number;
    contactId: number | null;
    opportunityId: number | null;
    currency: string;
    validUntil: string | null;
    status: string;
    discountBp: number;
    /** Minor units. */
    subtotal: number;
    discount: number;
    tax: number;
    total: number;
    terms: string | null;
    notes: string | null;
    sentAt: string | null;
    decidedAt: string | null;
    /** Of the latest approval request: pending, approved or rejected; null when none was needed or made. */
    approvalStatus: string | null;
  };

export type QuoteLineTable = {
  id: Generated<number>;
  quoteId: number;
  position: number;
  productId: number | null;
  productCode: string | null;
  name: string;
  description: string | null;
  unit: string | null;
  /** Exact decimal strings as entered. */
  quantity: string;
  unitPrice: string;
  discountBp: number;
  taxRateBp: number;
  net: number;
  tax: number;
  total: number;
};

export type ApprovalFlowTable = {
  id: Generated<number>;
  name: string;
  documentType: string;
  active: number;
  priority: number;
  conditions: string;
  steps: string;
  createdAt: string;
  updatedAt: string;
};
export type ApprovalRequestTable = {
  id: Generated<number>;
  documentType: string;
  documentId: number;
  title: string;
  amount: string | null;
  flowId: number;
  flowName: string;
  /** JSON copy of the flow's steps at submission, so a later change of the flow does not alter it. */
  steps: string;
  currentStep: number;
  status: string;
  submittedBy: number;
  submittedAt: string;
  decidedAt: string | null;
  comment: string | null;
};
export type ApprovalDecisionTable = {
  id: Generated<number>;
  requestId: number;
  step: number;
  approverId: number;
  decision: string;
  comment: string | null;
  decidedAt: string | null;
};

export type OrderTable = Timestamps &
  Owned & {
    id: Generated<number>;
    number: string;
    title: string;
    customerId: number;
    contactId: number | null;
    opportunityId: number | null;
    quoteId: number | null;
    currency: string;
    status: string;
    discountBp: number;
    subtotal: number;
    discount: number;
    tax: number;
    total: number;
    requestedDeliveryDate: string | null;
    shippingAddress: string | null;
    warehouseId: number | null;
    terms: string | null;
    notes: string | null;
    closeReason: string | null;
    approvedAt: string | null;
    closedAt: string | null;
  };
export type OrderLineTable = Omit<QuoteLineTable, 'quoteId'> & {
  orderId: number;
  quantityMilli: number;
  deliveredMilli: number;
};
export type DeliveryTable = {
  id: Generated<number>;
  orderId: number;
  number: string;
  deliveredOn: string;
  carrier: string | null;
  trackingNumber: string | null;
  recipient: string | null;
  notes: string | null;
  createdBy: number | null;
  createdAt: string;
};
export type DeliveryLineTable = {
  deliveryId: number;
  orderLineId: number;
  quantityMilli: number;
  revenueMinor: Generated<number>;
  costMinor: Generated<number>;
};

export type TicketTable = Timestamps &
  Owned & {
    id: Generated<number>;
    number: string;
    type: string;
    category: string | null;
    channel: string;
    priority: string;
    status: string;
    vip: number;
    customerId: number | null;
    contactId: number | null;
    requesterName: string | null;
    requesterEmail: string | null;
    requesterPhone: string | null;
    productId: number | null;
    orderId: number | null;
    contractId: number | null;
    subject: string;
    description: string | null;
    teamId: number | null;
    severity: string | null;
    promised: string | null;
    compensation: string | null;
    escalatedTo: number | null;
    resolution: string | null;
    rootCause: string | null;
    mergedIntoId: number | null;
    slaPolicyId: number | null;
    firstResponseDue: string | null;
    resolutionDue: string | null;
    firstRespondedAt: string | null;
    resolvedAt: string | null;
    closedAt: string | null;
    pausedAt: string | null;
    firstResponseBreached: number | null;
    resolutionBreached: number | null;
    escalationLevel: number;
    searchText: string;
    callbackSolved: Generated<number | null>;
    satisfactionScore: Generated<number | null>;
    satisfactionComment: Generated<string | null>;
    callbackBy: Generated<number | null>;
    callbackAt: Generated<string | null>;
    assetId: Generated<number | null>;
    serviceContractId: Generated<number | null>;
  };
export type TicketMessageTable = {
  id: Generated<number>;
  ticketId: number;
  kind: string;
  body: string;
  authorId: number | null;
  portalAccountId: Generated<number | null>;
  createdAt: string;
};

export type PortalAccountTable = {
  id: Generated<number>;
  contactId: number;
  login: string;
  passwordHash: string | null;
  status: string;
  inviteTokenHash: string | null;
  inviteExpiresAt: string | null;
  locale: string;
  lastLoginAt: string | null;
  invitedBy: number | null;
  createdAt: string;
  updatedAt: string;
};
export type SurveyTable = Timestamps & {
  id: Generated<number>;
  name: string;
  intro: string | null;
  questions: string;
  active: number;
  createdBy: number | null;
  deletedAt: string | null;
};
export type SurveyInvitationTable = {
  id: Generated<number>;
  surveyId: number;
  contactId: number | null;
  customerId: number | null;
  ticketId: number | null;
  channel: string;
  tokenHash: string;
  sentBy: number | null;
  sentAt: string;
  answeredAt: string | null;
  /** JSON object: question key → answer. */
  answers: string | null;
  rating: number | null;
  nps: number | null;
};
export type TechnicianPositionTable = { userId: number; latitude: number; longitude: number; recordedAt: string };
export type PortalSessionTable = {
  id: string;
  accountId: number;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  expiresAt: string;
};
export type CannedAnswerTable = Timestamps & {
  id: Generated<number>;
  title: string;
  body: string;
  category: string | null;
  searchText: string;
  createdBy: number | null;
};
export type SlaPolicyTable = Timestamps & {
  id: Generated<number>;
  name: string;
  ticketType: string | null;
  priority: string | null;
  customerLevel: string | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  active: number;
};

export type KbArticleTable = {
  id: Generated<number>;
  title: string;
  body: string;
  category: string | null;
  /** JSON array of strings. */
  tags: string;
  visibility: string;
  status: string;
  version: number;
  excerpt: string;
  searchText: string;
  authorId: number | null;
  reviewedBy: number | null;
  reviewedAt: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};
export type KbArticleVersionTable = {
  articleId: number;
  version: number;
  title: string;
  body: string;
  editedBy: number | null;
  createdAt: string;
};
export type KbVoteTable = { articleId: number; voter: string; helpful: number; createdAt: string };
export type TicketArticleTable = { ticketId: number; articleId: number; createdBy: number | null; createdAt: string };

export type AssetTable = {
  id: Generated<number>;
  customerId: number;
  productId: number | null;
  name: string;
  serialNumber: string | null;
  purchasedOn: string | null;
  orderId: number | null;
  warrantyEndsOn: string | null;
  location: string | null;
  notes: string | null;
  searchText: string;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};
export type ServiceContractTable = {
  id: Generated<number>;
  name: string;
  customerId: number;
  contractId: number | null;
  startsOn: string;
  endsOn: string;
  visitsIncluded: number | null;
  minutesIncluded: number | null;
  responseMinutes: number | null;
  notes: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};
export type ServiceContractAssetTable = { serviceContractId: number; assetId: number };
export type ServiceUsageTable = {
  id: Generated<number>;
  serviceContractId: number;
  ticketId: number;
  visits: number;
  minutes: number;
  note: string | null;
  createdBy: number | null;
  createdAt: string;
};

export type WorkOrderTable = Timestamps &
  Owned & {
    id: Generated<number>;
    number: string;
    ticketId: number;
    customerId: number | null;
    address: string | null;
    appointmentStart: string;
    appointmentEnd: string;
    /** JSON array of skills. */
    requiredSkills: string;
    partsNeeded: string | null;
    instructions: string | null;
    status: string;
    acceptedAt: string | null;
    checkInAt: string | null;
    checkInLatitude: number | null;
    checkInLongitude: number | null;
    siteLatitude: Generated<number | null>;
    siteLongitude: Generated<number | null>;
    checkOutAt: string | null;
    workDone: string | null;
    signature: string | null;
    signedBy: string | null;
    cancelReason: string | null;
  };
export type WorkOrderPartTable = {
  workOrderId: number;
  productId: number;
  quantityMilli: number;
  warehouseId: number | null;
};
export type UserSkillTable = { userId: number; skill: string };

export type ServiceStrategyTable = Timestamps & {
  id: Generated<number>;
  name: string;
  description: string | null;
  customerLevels: string;
  active: number;
  deletedAt: string | null;
};
export type ImplementationPlanTable = Timestamps & {
  id: Generated<number>;
  customerId: number;
  title: string;
  /** JSON array of strategy ids. */
  strategyIds: string;
  ownerId: number | null;
  startsOn: string;
  endsOn: string;
  status: string;
  description: string | null;
  version: number;
  createdBy: number | null;
  deletedAt: string | null;
};
export type PlanVersionTable = {
  planId: number;
  version: number;
  snapshot: string;
  editedBy: number | null;
  createdAt: string;
};
export type PlanNoteTable = {
  id: Generated<number>;
  planId: number;
  body: string;
  authorId: number | null;
  createdAt: string;
};
export type CustomerRequirementTable = Timestamps & {
  id: Generated<number>;
  customerId: number;
  channel: string | null;
  category: string | null;
  urgency: string;
  status: string;
  description: string;
  planId: number | null;
  strategyId: number | null;
  createdBy: number | null;
  deletedAt: string | null;
};

export type WarehouseTable = Timestamps & {
  id: Generated<number>;
  code: string;
  name: string;
  address: string | null;
  isDefault: number;
  active: number;
};
/** Quantities in thousandths of a unit; value in cents, so the weighted-average unit cost is value ÷ on hand. */
export type StockLevelTable = {
  productId: number;
  warehouseId: number;
  onHandMilli: number;
  reservedMilli: number;
  valueMinor: number;
  updatedAt: string;
};
export type StockMovementTable = {
  id: Generated<number>;
  productId: number;
  warehouseId: number;
  kind: string;
  quantityMilli: number;
  valueMinor: number;
  orderId: number | null;
  deliveryId: number | null;
  reason: string | null;
  createdBy: number | null;
  createdAt: string;
};
export type StockReservationTable = {
  orderLineId: number;
  productId: number;
  warehouseId: number;
  quantityMilli: number;
};

export type InstalmentTable = {
  id: Generated<number>;
  orderId: number;
  customerId: number;
  seq: number;
  dueDate: string;
  amount: number;
  received: number;
  currency: string;
  ownerId: number | null;
  departmentId: number | null;
  createdAt: string;
  updatedAt: string;
};
export type ReceiptTable = {
  id: Generated<number>;
  number: string;
  customerId: number;
  receivedOn: string;
  /** Minor units; negative for a refund. */
  amount: number;
  currency: string;
  method: string;
  payer: string | null;
  bankAccount: string | null;
  reference: string | null;
  notes: string | null;
  status: string;
  /** Allowed to pay more than an instalment's outstanding amount. */
  overpayment: number;
  /** For refunds: pending, approved or rejected; null for money received. */
  approvalStatus: string | null;
  confirmedBy: number | null;
  confirmedAt: string | null;
  ownerId: number | null;
  departmentId: number | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};
export type ReceiptAllocationTable = { receiptId: number; instalmentId: number; amount: number };

export type InvoiceTable = {
  id: Generated<number>;
  type: string;
  number: string;
  issuedOn: string;
  customerId: number;
  orderId: number | null;
  /** Minor units, tax included. */
  amount: number;
  tax: number;
  currency: string;
  buyerTitle: string;
  buyerTaxId: string | null;
  buyerAddressPhone: string | null;
  buyerBankAccount: string | null;
  status: string;
  cancelReason: string | null;
  notes: string | null;
  ownerId: number | null;
  departmentId: number | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

export type ContractTable = Timestamps &
  Owned & {
    id: Generated<number>;
    number: string;
    name: string;
    customerId: number;
    opportunityId: number | null;
    orderId: number | null;
    /** The contract this one renews. */
    previousId: number | null;
    category: string | null;
    amount: number;
    currency: string;
    signedOn: string | null;
    startsOn: string;
    endsOn: string;
    ourSignatory: string | null;
    customerSignatory: string | null;
    terms: string | null;
    renewalRemindDays: number;
    status: string;
    closeReason: string | null;
  };

export type DB = {
  departments: DepartmentTable;
  users: UserTable;
  roles: RoleTable;
  userRoles: UserRoleTable;
  sessions: SessionTable;
  apiKeys: ApiKeyTable;
  captchas: CaptchaTable;
  loginFailures: LoginFailureTable;
  auditLogs: AuditLogTable;
  settings: SettingTable;
  sequences: SequenceTable;
  dictionaryOptions: DictionaryOptionTable;
  customFieldDefinitions: CustomFieldDefinitionTable;
  savedFilters: SavedFilterTable;
  customers: CustomerTable;
  customerTags: CustomerTagTable;
  customerSearch: CustomerSearchTable;
  contacts: ContactTable;
  anniversaries: AnniversaryTable;
  attachments: AttachmentTable;
  imports: ImportTable;
  leads: LeadTable;
  followups: FollowupTable;
  notifications: NotificationTable;
  assignmentCursors: AssignmentCursorTable;
  pipelines: PipelineTable;
  pipelineStages: PipelineStageTable;
  opportunities: OpportunityTable;
  opportunityContacts: OpportunityContactTable;
  opportunityCompetitors: OpportunityCompetitorTable;
  opportunityProducts: OpportunityProductTable;
  opportunityStageHistory: OpportunityStageHistoryTable;
  pools: PoolTable;
  poolClaims: PoolClaimTable;
  scheduledJobs: ScheduledJobTable;
  tasks: TaskTable;
  salesTargets: SalesTargetTable;
  dailyReports: DailyReportTable;
  productCategories: ProductCategoryTable;
  products: ProductTable;
  priceBooks: PriceBookTable;
  priceBookEntries: PriceBookEntryTable;
  quotes: QuoteTable;
  quoteLines: QuoteLineTable;
  approvalFlows: ApprovalFlowTable;
  approvalRequests: ApprovalRequestTable;
  approvalDecisions: ApprovalDecisionTable;
  orders: OrderTable;
  orderLines: OrderLineTable;
  deliveries: DeliveryTable;
  deliveryLines: DeliveryLineTable;
  instalments: InstalmentTable;
  receipts: ReceiptTable;
  receiptAllocations: ReceiptAllocationTable;
  invoices: InvoiceTable;
  contracts: ContractTable;
  warehouses: WarehouseTable;
  stockLevels: StockLevelTable;
  stockMovements: StockMovementTable;
  stockReservations: StockReservationTable;
  tickets: TicketTable;
  ticketMessages: TicketMessageTable;
  cannedAnswers: CannedAnswerTable;
  slaPolicies: SlaPolicyTable;
  kbArticles: KbArticleTable;
  kbArticleVersions: KbArticleVersionTable;
  kbVotes: KbVoteTable;
  ticketArticles: TicketArticleTable;
  assets: AssetTable;
  serviceContracts: ServiceContractTable;
  serviceContractAssets: ServiceContractAssetTable;
  serviceUsage: ServiceUsageTable;
  workOrders: WorkOrderTable;
  workOrderParts: WorkOrderPartTable;
  userSkills: UserSkillTable;
  serviceStrategies: ServiceStrategyTable;
  implementationPlans: ImplementationPlanTable;
  planVersions: PlanVersionTable;
  planNotes: PlanNoteTable;
  customerRequirements: CustomerRequirementTable;
  portalAccounts: PortalAccountTable;
  portalSessions: PortalSessionTable;
  surveys: SurveyTable;
  surveyInvitations: SurveyInvitationTable;
  technicianPositions: TechnicianPositionTable;
};
