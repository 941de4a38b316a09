import type { Generated } from 'kysely';
import type { Timestamps, Owned } from './columns.ts';

// Sales: leads, follow-ups, pipelines and opportunities, tasks, targets, daily reports.
// Columns in camelCase: CamelCasePlugin maps them to snake_case.

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
    divisionCode: string | null;
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
    /** The campaign it came from (first touch). */
    campaignId: Generated<number | null>;
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

export type SalesTables = {
  leads: LeadTable;
  followups: FollowupTable;
  assignmentCursors: AssignmentCursorTable;
  pipelines: PipelineTable;
  pipelineStages: PipelineStageTable;
  opportunities: OpportunityTable;
  opportunityContacts: OpportunityContactTable;
  opportunityCompetitors: OpportunityCompetitorTable;
  opportunityProducts: OpportunityProductTable;
  opportunityStageHistory: OpportunityStageHistoryTable;
  tasks: TaskTable;
  salesTargets: SalesTargetTable;
  dailyReports: DailyReportTable;
};
