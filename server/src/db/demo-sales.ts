import dayjs from 'dayjs';
import type { Kysely } from 'kysely';
import { systemActor } from '../platform/actor.ts';
import { searchDocument } from '../platform/search.ts';
import { reserveNumbers } from '../platform/sequences.ts';
import { refreshFollowupDates } from '../modules/followups/index.ts';
import { insertLeadBatch } from '../modules/leads/index.ts';
import { getSettings } from '../modules/settings/index.ts';
import { companyName, mobile, personName, pick, type Random } from './sample-data.ts';
import type { DB } from './schema.ts';
import './time.ts';

type Owner = { id: number; departmentId: number | null };
type DemoCustomer = { id: number; name: string; owner: Owner };

const followupNotes = [
  ['电话沟通采购计划，客户预计下季度启动招标。', '约定下周上门演示。'],
  ['拜访客户信息部，了解现有系统的痛点。', '整理需求清单发给客户。'],
  ['Sent the updated proposal with volume pricing.', 'Follow up on the budget approval.'],
  ['微信确认样品已收到，试用反馈良好。', '跟进试用结果。'],
  ['Meeting with the purchasing team about delivery terms.', 'Prepare the contract draft.'],
  ['客户对价格有顾虑，已申请特别折扣。', '等待折扣审批后回复客户。'],
] as const;
const opportunityNames = [
  '年度采购项目',
  '系统升级',
  '新工厂设备',
  'Renewal 2027',
  '渠道合作',
  'Pilot rollout',
  '二期扩容',
  '培训服务',
];
const taskSubjects = [
  '准备报价单',
  '回访试用客户',
  'Send the contract draft',
  '确认发货时间',
  'Book the product demo',
  '整理拜访纪要',
];
const yuan = (random: Random, min: number, max: number) => Math.round((min + random() * (max - min)) / 100) * 100 * 100;

/** Sales data for the demo: leads, follow-ups over the last two months, opportunities on the default pipeline, tasks and this month's targets. */
export async function loadSalesDemo(
  trx: Kysely<DB>,
  random: Random,
  owners: Owner[],
  customers: DemoCustomer[],
): Promise<void> {
  const now = dayjs();
  const iso = (d: dayjs.Dayjs) => d.toDate().toISOString();

  const leads = Array.from({ length: 40 }, () => {
    const owner = pick(random, owners);
    const company = companyName(random, 0);
    return {
      input: {
        name: personName(random),
        company: company.name,
        mobile: mobile(random),
        source: pick(random, ['website', 'exhibition', 'referral', 'advertising']),
        province: company.region[0],
        city: company.region[1],
        score: Math.floor(random() * 100),
        status: pick(random, ['new', 'new', 'contacting', 'qualified'] as const),
      },
      owner,
    };
  });
  await insertLeadBatch(trx, systemActor, leads, { demo: true });

  for (let i = 0; i < 300; i++) {
    const customer = pick(random, customers);
    const [content, nextStep] = pick(random, followupNotes);
    const occurredAt = now.subtract(Math.floor(random() * 60 * 24 * 60), 'minute');
    const planned = random() < 0.25 ? iso(now.add(Math.floor(random() * 14 * 24) - 24, 'hour').minute(0)) : null;
    await trx
      .insertInto('followups')
      .values({
        customerId: customer.id,
        leadId: null,
        contactId: null,
        opportunityId: null,
        type: pick(random, ['call', 'call', 'visit', 'wechat', 'email', 'meeting']),
        occurredAt: iso(occurredAt),
        contactName: null,
        content,
        result: null,
        nextStep: planned ? nextStep : null,
        nextFollowupAt: planned,
        checkinLatitude: null,
        checkinLongitude: null,
        checkinAddress: null,
        ownerId: customer.owner.id,
        departmentId: customer.owner.departmentId,
        createdBy: customer.owner.id,
        updatedBy: customer.owner.id,
        createdAt: iso(occurredAt),
        updatedAt: iso(occurredAt),
        deletedAt: null,
        deletedBy: null,
      })
      .execute();
  }
  for (const customer of customers) await refreshFollowupDates(trx, 'customers', customer.id);

  const pipeline = await trx.selectFrom('pipelines').select('id').where('isDefault', '=', 1).executeTakeFirstOrThrow();
  const stages = await trx
    .selectFrom('pipelineStages')
    .select(['id', 'kind', 'probability'])
    .where('pipelineId', '=', pipeline.id)
    .orderBy('sortOrder')
    .execute();
  const first = await reserveNumbers(trx, 'opportunities', 60);
  for (let i = 0; i < 60; i++) {
    const customer = pick(random, customers);
    const stage = pick(random, [...stages, ...stages.filter((s) => s.kind === 'open')]);
    const created = now.subtract(10 + Math.floor(random() * 80), 'day');
    const closed =
      stage.kind === 'open' ? null : created.add(Math.floor(random() * (now.diff(created, 'day') + 1)), 'day');
    const code = `O${String(first + i).padStart(6, '0')}`;
    const name = `${customer.name.slice(0, 8)} ${pick(random, opportunityNames)}`;
    const { id } = await trx
      .insertInto('opportunities')
      .values({
        code,
        name,
        customerId: customer.id,
        pipelineId: pipeline.id,
        stageId: stage.id,
        status: stage.kind,
        amount: yuan(random, 20_000, 800_000),
        currency: 'CNY',
        expectedCloseDate: (closed ?? now.add(Math.floor(random() * 120), 'day')).format('YYYY-MM-DD'),
        probability: stage.probability,
        source: null,
        lostReason: stage.kind === 'lost' ? '价格高于竞争对手' : null,
        nextStep: null,
        searchText: searchDocument([name, code, customer.name]).text,
        stageEnteredAt: iso(closed ?? created),
        closedAt: closed ? iso(closed) : null,
        ownerId: customer.owner.id,
        departmentId: customer.owner.departmentId,
        createdBy: customer.owner.id,
        updatedBy: customer.owner.id,
        createdAt: iso(created),
        updatedAt: iso(closed ?? created),
        deletedAt: null,
        deletedBy: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('opportunityStageHistory')
      .values({
        opportunityId: id,
        fromStageId: null,
        toStageId: stage.id,
        changedAt: iso(created),
        changedBy: customer.owner.id,
        secondsInPrevious: null,
      })
      .execute();
  }

  for (let i = 0; i < 30; i++) {
    const customer = pick(random, customers);
    const due = now
      .add(Math.floor(random() * 14 * 24) - 48, 'hour')
      .minute(0)
      .second(0);
    await trx
      .insertInto('tasks')
      .values({
        subject: pick(random, taskSubjects),
        type: pick(random, ['call', 'meeting', 'todo', 'visit']),
        priority: pick(random, ['normal', 'normal', 'high', 'low']),
        dueAt: iso(due),
        relatedEntity: 'customers',
        relatedId: customer.id,
        status: 'open',
        remindMinutes: 30,
        notes: null,
        recurrence: 'none',
        completedAt: null,
        ownerId: customer.owner.id,
        departmentId: customer.owner.departmentId,
        createdBy: customer.owner.id,
        updatedBy: customer.owner.id,
        createdAt: iso(now),
        updatedAt: iso(now),
        deletedAt: null,
        deletedBy: null,
      })
      .execute();
  }

  const period = now.tz((await getSettings(trx)).timezone).format('YYYY-MM');
  for (const owner of owners) {
    await trx
      .insertInto('salesTargets')
      .values({
        scopeType: 'user',
        scopeId: owner.id,
        metric: 'amountWon',
        period,
        value: 50_000_000,
        updatedBy: null,
        updatedAt: iso(now),
      })
      .execute();
  }
}
