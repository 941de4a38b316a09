import type { Generated } from 'kysely';

// Segments (客户分群) and the members of static segments (migration 0070).

export type SegmentTable = {
  id: Generated<number>;
  name: string;
  /** customers, contacts or leads */
  entity: string;
  /** dynamic or static */
  kind: string;
  /** The filter tree of a dynamic segment, as JSON. */
  filter: unknown;
  description: string | null;
  createdBy: number | null;
  updatedBy: number | null;
  createdAt: string;
  updatedAt: string;
};

export type SegmentMemberTable = { segmentId: number; entityId: number; createdBy: number | null; createdAt: string };

export type SegmentTables = { segments: SegmentTable; segmentMembers: SegmentMemberTable };
