/** Columns many tables share. */
export type Timestamps = { createdAt: string; updatedAt: string };

export type Owned = {
  ownerId: number | null;
  departmentId: number | null;
  createdBy: number | null;
  updatedBy: number | null;
  deletedAt: string | null;
  deletedBy: number | null;
};
