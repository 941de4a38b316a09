import type { Permission } from '@relate/common';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, orNotFound } from '../../platform/errors.ts';
import { findVisibleCampaign } from '../campaigns/index.ts';
import { getContract } from '../contracts/index.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { getTicket } from '../tickets/index.ts';
import { getWorkOrder } from '../work-orders/index.ts';
import { getArticle, staffReader } from '../knowledge/index.ts';
import { assertFollowupAttachable, getFollowup } from '../followups/index.ts';
import { getInvoice } from '../payments/index.ts';

/**
 * A kind of record files can hang on: who may see its files, and who may add or remove them. A record
 * outside the caller's data scope is not found (404) before any right to change it is asked for (403),
 * so the answer never tells that it exists.
 */
type Holder = {
  assertVisible(ctx: AppContext, actor: Actor, id: number): Promise<void>;
  assertEditable(ctx: AppContext, actor: Actor, id: number): Promise<void>;
};

const requires = (actor: Actor, permission: Permission) => {
  if (!actor.permissions.has(permission)) throw forbidden();
};

async function visibleCustomer(ctx: AppContext, actor: Actor, id: number) {
  requires(actor, 'customers.view');
  orNotFound(await findVisibleCustomer(ctx, actor, id));
}

export const attachmentHolders = {
  customers: {
    assertVisible: visibleCustomer,
    assertEditable: async (ctx, actor, id) => {
      await visibleCustomer(ctx, actor, id);
      requires(actor, 'customers.edit');
    },
  },
  followups: {
    assertVisible: async (ctx, actor, id) => {
      requires(actor, 'followups.view');
      await getFollowup(ctx, actor, id);
    },
    assertEditable: async (ctx, actor, id) => {
      requires(actor, 'followups.view');
      await getFollowup(ctx, actor, id);
      await assertFollowupAttachable(ctx, actor, id);
    },
  },
  // The signed scan and other papers of a contract, added whatever its status.
  contracts: {
    assertVisible: async (ctx, actor, id) => {
      requires(actor, 'contracts.view');
      await getContract(ctx, actor, id);
    },
    assertEditable: async (ctx, actor, id) => {
      requires(actor, 'contracts.view');
      await getContract(ctx, actor, id);
      requires(actor, 'contracts.edit');
    },
  },
  // Photos, logs and documents of a service ticket.
  tickets: {
    assertVisible: async (ctx, actor, id) => {
      requires(actor, 'tickets.view');
      await getTicket(ctx, actor, id);
    },
    assertEditable: async (ctx, actor, id) => {
      requires(actor, 'tickets.view');
      await getTicket(ctx, actor, id);
      requires(actor, 'tickets.edit');
    },
  },
  // Photos taken on site: added by the technician doing the job or by dispatch, while the job is not cancelled.
  workOrders: {
    assertVisible: async (ctx, actor, id) => {
      requires(actor, 'workOrders.view');
      await getWorkOrder(ctx, actor, id);
    },
    assertEditable: async (ctx, actor, id) => {
      requires(actor, 'workOrders.view');
      const order = await getWorkOrder(ctx, actor, id);
      if (order.technicianId !== actor.userId && !actor.permissions.has('workOrders.dispatch')) throw forbidden();
      if (order.status === 'cancelled') throw new AppError('CONFLICT', 'workOrderChanged');
    },
  },
  // Files that go with a knowledge-base article (a manual, a wiring diagram).
  kbArticles: {
    assertVisible: async (ctx, actor, id) => {
      requires(actor, 'knowledge.view');
      await getArticle(ctx, staffReader(actor), id);
    },
    assertEditable: async (ctx, actor, id) => {
      requires(actor, 'knowledge.manage');
      await getArticle(ctx, staffReader(actor), id);
    },
  },
  // A campaign's collateral: brochures, posters, the invitation.
  campaigns: {
    assertVisible: async (ctx, actor, id) => {
      requires(actor, 'campaigns.view');
      await findVisibleCampaign(ctx, actor, id);
    },
    assertEditable: async (ctx, actor, id) => {
      requires(actor, 'campaigns.view');
      await findVisibleCampaign(ctx, actor, id);
      requires(actor, 'campaigns.manage');
    },
  },
  // The issued invoice's PDF or OFD file, attached by finance when it is registered.
  invoices: {
    assertVisible: async (ctx, actor, id) => {
      requires(actor, 'invoices.view');
      await getInvoice(ctx, actor, id);
    },
    assertEditable: async (ctx, actor, id) => {
      requires(actor, 'invoices.view');
      await getInvoice(ctx, actor, id);
      requires(actor, 'invoices.create');
    },
  },
} satisfies Record<string, Holder>;

export type AttachmentEntity = keyof typeof attachmentHolders;

export function holderOf(entity: string): Holder {
  return orNotFound(attachmentHolders[entity as AttachmentEntity]);
}
