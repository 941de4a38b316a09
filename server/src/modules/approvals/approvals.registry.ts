import type { ApprovableType } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';

/** What the approval engine needs to know of a document, and how it tells the document what was decided. */
export type Approvable = {
  type: ApprovableType;
  /** The document's audit entity, so its submission shows where its other changes do. */
  entity: string;
  /** The document as the submitter sees it (NOT_FOUND outside their scope), with the facts conditions test. */
  load(
    ctx: AppContext,
    actor: Actor,
    id: number,
  ): Promise<{ title: string; amount: string | null; facts: Record<string, string>; departmentId: number | null }>;
  /** Refuses submission when the document is not in a state to be approved. */
  assertSubmittable(ctx: AppContext, id: number): Promise<void>;
  /**
   * Records the approval state on the document, inside the engine's transaction. Approving a
   * document that is no longer waiting for it (approved twice at the same moment) is refused.
   */
  setState(trx: Kysely<DB>, id: number, state: 'pending' | 'approved' | 'rejected' | null): Promise<void>;
};

const registry = new Map<ApprovableType, Approvable>();

export function registerApprovable(approvable: Approvable): void {
  registry.set(approvable.type, approvable);
}

export function approvableOf(type: ApprovableType): Approvable {
  const approvable = registry.get(type);
  if (!approvable) throw new Error(`no approvable document type ${type}`);
  return approvable;
}
