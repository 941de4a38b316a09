import type { Generated } from 'kysely';
import type { Timestamps, Owned } from './columns.ts';

// Service: tickets, SLA, knowledge base, assets and service contracts, work orders, strategies, portal, surveys.
// Columns in camelCase: CamelCasePlugin maps them to snake_case.

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

export type ServiceTables = {
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
