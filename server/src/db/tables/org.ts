import type { ColumnType, Generated } from 'kysely';
import type { Timestamps } from './columns.ts';

// Organisation and platform: departments, users, roles, sessions, settings, dictionaries, audit, files, imports, jobs.
// Columns in camelCase: CamelCasePlugin maps them to snake_case.

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
  /** The login name, display name (with its pinyin and initials) and e-mail, normalised (see userSearchText); '' by default. */
  searchText: ColumnType<string, string | undefined, string>;
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
  /** JSON array of home section codes; null: the role's default sections. */
  homeSections: unknown;
  /** The dashboard its users see on their home page; null: none. */
  homeDashboardId: ColumnType<number | null, number | null | undefined, number | null>;
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
  columns: unknown;
  sort: string | null;
  density: string | null;
  shared: Generated<number>;
  createdAt: string;
  updatedAt: string | null;
};

export type SavedFilterDefaultTable = {
  userId: number;
  entity: string;
  savedFilterId: number;
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

/** How often a table a report reads has been written: moved on by the database's own triggers (migration 0059). */
export type DataVersionTable = { tableName: string; version: number };

/** PostgreSQL: one row per statement that wrote a tracked table, until compacted into its `data_versions` row. */
export type DataChangeTable = { id: Generated<number>; tableName: string };

export type OrgTables = {
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
  savedFilterDefaults: SavedFilterDefaultTable;
  attachments: AttachmentTable;
  imports: ImportTable;
  notifications: NotificationTable;
  scheduledJobs: ScheduledJobTable;
  dataVersions: DataVersionTable;
  dataChanges: DataChangeTable;
};
