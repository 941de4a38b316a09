import type { BuiltinDashboard, DashboardWidgetInput, ReportFilter, ReportRelativePeriod } from '@relate/common';

type Builtin = { name: string; period: ReportRelativePeriod; widgets: DashboardWidgetInput[] };

/** Two widgets a row, each half the grid wide. */
const at = (i: number, h = 8) => ({ x: (i % 2) * 6, y: Math.floor(i / 2) * h, w: 6, h });

/** Orders that count as sales: approved and on their way, delivered or completed. */
const soldStatuses = ['approved', 'partially_delivered', 'delivered', 'completed'];
const sold: ReportFilter = { field: 'status', op: 'in', value: soldStatuses };

/**
 * The dashboards ready on a fresh install. Each widget's title is its key's words in the viewer's
 * language (the `title` stored is the Chinese one); every figure is a report in the viewer's own scope.
 */
export const builtinDashboardSpecs: Record<BuiltinDashboard, Builtin> = {
  executive: {
    name: '经营总览',
    period: 'thisQuarter',
    widgets: [
      {
        key: 'salesVsLastYear',
        title: '销售额（与去年同期比）',
        chart: 'table',
        dateField: 'createdAt',
        definition: {
          source: 'orders',
          filters: [sold, { field: 'createdAt', op: 'within', value: 'thisQuarter' }],
          groupBy: [{ field: 'departmentId', departmentLevel: 2 }],
          measures: [{ aggregate: 'sum', field: 'total' }, { aggregate: 'count' }],
          compare: 'previousYear',
        },
        layout: at(0),
      },
      {
        key: 'salesByMonth',
        title: '各月销售额',
        chart: 'line',
        dateField: null,
        definition: {
          source: 'orders',
          filters: [sold, { field: 'createdAt', op: 'within', value: 'thisYear' }],
          groupBy: [{ field: 'createdAt', unit: 'month' }],
          measures: [{ aggregate: 'sum', field: 'total' }],
        },
        layout: at(1),
      },
      {
        key: 'pipelineByCloseMonth',
        title: '商机预计成交（按月）',
        chart: 'stackedBar',
        dateField: null,
        definition: {
          source: 'opportunities',
          filters: [
            { field: 'status', op: 'eq', value: 'open' },
            { field: 'expectedCloseDate', op: 'within', value: 'thisYear' },
          ],
          groupBy: [{ field: 'expectedCloseDate', unit: 'month' }, { field: 'stage' }],
          measures: [{ aggregate: 'sum', field: 'amount' }],
        },
        layout: at(2),
      },
      {
        key: 'salesByCategory',
        title: '产品分类销售额',
        chart: 'donut',
        dateField: 'orderedAt',
        definition: {
          source: 'orderLines',
          filters: [
            { field: 'orderStatus', op: 'in', value: soldStatuses },
            { field: 'orderedAt', op: 'within', value: 'thisQuarter' },
          ],
          groupBy: [{ field: 'categoryId' }],
          measures: [{ aggregate: 'sum', field: 'net' }],
        },
        layout: at(3),
      },
      {
        key: 'salesByProvince',
        title: '各省销售额',
        chart: 'map',
        dateField: 'createdAt',
        definition: {
          source: 'orders',
          filters: [sold, { field: 'createdAt', op: 'within', value: 'thisQuarter' }],
          groupBy: [{ field: 'customerProvince' }],
          measures: [{ aggregate: 'sum', field: 'total' }],
        },
        layout: at(4),
      },
      {
        key: 'topCustomers',
        title: '销售额前十的客户',
        chart: 'table',
        dateField: 'createdAt',
        definition: {
          source: 'orders',
          filters: [sold, { field: 'createdAt', op: 'within', value: 'thisQuarter' }],
          groupBy: [{ field: 'customerId' }],
          measures: [{ aggregate: 'sum', field: 'total' }],
          limit: 10,
        },
        layout: at(5),
      },
      {
        key: 'receivablesByDueMonth',
        title: '应收与已回款（按到期月）',
        chart: 'bar',
        dateField: 'dueDate',
        definition: {
          source: 'instalments',
          filters: [{ field: 'dueDate', op: 'within', value: 'thisQuarter' }],
          groupBy: [{ field: 'dueDate', unit: 'month' }],
          measures: [
            { aggregate: 'sum', field: 'amount' },
            { aggregate: 'sum', field: 'received' },
          ],
        },
        layout: at(6),
      },
      {
        key: 'newCustomers',
        title: '新增客户（与上期比）',
        chart: 'table',
        dateField: 'createdAt',
        definition: {
          source: 'customers',
          filters: [{ field: 'createdAt', op: 'within', value: 'thisQuarter' }],
          groupBy: [{ field: 'source' }],
          measures: [{ aggregate: 'count' }],
          compare: 'previousPeriod',
        },
        layout: at(7),
      },
    ],
  },
  sales: {
    name: '销售分析',
    period: 'thisQuarter',
    widgets: [
      {
        key: 'funnel',
        title: '销售漏斗',
        chart: 'funnel',
        dateField: null,
        definition: {
          source: 'opportunities',
          filters: [{ field: 'status', op: 'eq', value: 'open' }],
          groupBy: [{ field: 'stage' }],
          measures: [{ aggregate: 'count' }, { aggregate: 'sum', field: 'amount' }],
        },
        layout: at(0),
      },
      {
        key: 'winRateByOwner',
        title: '各销售赢单率',
        chart: 'table',
        dateField: 'closedAt',
        definition: {
          source: 'opportunities',
          filters: [
            { field: 'status', op: 'in', value: ['won', 'lost'] },
            { field: 'closedAt', op: 'within', value: 'thisQuarter' },
          ],
          groupBy: [{ field: 'ownerId' }],
          measures: [
            { aggregate: 'count', where: [{ field: 'status', op: 'eq', value: 'won' }] },
            { aggregate: 'count' },
            { aggregate: 'ratio', of: [0, 1] },
          ],
        },
        layout: at(1),
      },
      {
        key: 'lostReasons',
        title: '输单原因',
        chart: 'pie',
        dateField: 'closedAt',
        definition: {
          source: 'opportunities',
          filters: [
            { field: 'status', op: 'eq', value: 'lost' },
            { field: 'closedAt', op: 'within', value: 'thisQuarter' },
          ],
          groupBy: [{ field: 'lostReason' }],
          measures: [{ aggregate: 'count' }],
        },
        layout: at(2),
      },
      {
        key: 'activityByRep',
        title: '各销售跟进（按方式）',
        chart: 'stackedBar',
        dateField: 'occurredAt',
        definition: {
          source: 'followups',
          filters: [{ field: 'occurredAt', op: 'within', value: 'thisQuarter' }],
          groupBy: [{ field: 'ownerId' }, { field: 'type' }],
          measures: [{ aggregate: 'count' }],
        },
        layout: at(3),
      },
      {
        key: 'leadSources',
        title: '线索来源与转化率',
        chart: 'table',
        dateField: 'createdAt',
        definition: {
          source: 'leads',
          filters: [{ field: 'createdAt', op: 'within', value: 'thisQuarter' }],
          groupBy: [{ field: 'source' }],
          measures: [
            { aggregate: 'count' },
            { aggregate: 'count', where: [{ field: 'status', op: 'eq', value: 'converted' }] },
            { aggregate: 'ratio', of: [1, 0] },
          ],
        },
        layout: at(4),
      },
      {
        key: 'wonByOwner',
        title: '各销售赢单金额（与去年同期比）',
        chart: 'table',
        dateField: 'closedAt',
        definition: {
          source: 'opportunities',
          filters: [
            { field: 'status', op: 'eq', value: 'won' },
            { field: 'closedAt', op: 'within', value: 'thisQuarter' },
          ],
          groupBy: [{ field: 'ownerId' }],
          measures: [{ aggregate: 'sum', field: 'amount' }],
          compare: 'previousYear',
        },
        layout: at(5),
      },
    ],
  },
  service: {
    name: '服务分析',
    period: 'thisMonth',
    widgets: [
      {
        key: 'backlog',
        title: '未结工单（按状态）',
        chart: 'bar',
        dateField: null,
        definition: {
          source: 'tickets',
          filters: [{ field: 'status', op: 'in', value: ['new', 'assigned', 'in_progress', 'waiting', 'reopened'] }],
          groupBy: [{ field: 'status' }, { field: 'priority' }],
          measures: [{ aggregate: 'count' }],
        },
        layout: at(0),
      },
      {
        key: 'ticketsByType',
        title: '工单（按类型、每周）',
        chart: 'stackedBar',
        dateField: 'createdAt',
        definition: {
          source: 'tickets',
          filters: [{ field: 'createdAt', op: 'within', value: 'thisMonth' }],
          groupBy: [{ field: 'createdAt', unit: 'week' }, { field: 'type' }],
          measures: [{ aggregate: 'count' }],
        },
        layout: at(1),
      },
      {
        key: 'slaAttainment',
        title: 'SLA 达成率（按处理人）',
        chart: 'table',
        dateField: 'createdAt',
        definition: {
          source: 'tickets',
          filters: [
            { field: 'createdAt', op: 'within', value: 'thisMonth' },
            { field: 'resolutionBreached', op: 'notEmpty' },
          ],
          groupBy: [{ field: 'ownerId' }],
          measures: [
            { aggregate: 'count', where: [{ field: 'resolutionBreached', op: 'eq', value: 0 }] },
            { aggregate: 'count' },
            { aggregate: 'ratio', of: [0, 1] },
          ],
        },
        layout: at(2),
      },
      {
        key: 'satisfaction',
        title: '满意度（按处理人）',
        chart: 'bar',
        dateField: 'createdAt',
        definition: {
          source: 'tickets',
          filters: [
            { field: 'createdAt', op: 'within', value: 'thisMonth' },
            { field: 'satisfactionScore', op: 'notEmpty' },
          ],
          groupBy: [{ field: 'ownerId' }],
          measures: [{ aggregate: 'avg', field: 'satisfactionScore' }, { aggregate: 'count' }],
        },
        layout: at(3),
      },
      {
        key: 'complaints',
        title: '投诉（按分类）',
        chart: 'pie',
        dateField: 'createdAt',
        definition: {
          source: 'tickets',
          filters: [
            { field: 'type', op: 'eq', value: 'complaint' },
            { field: 'createdAt', op: 'within', value: 'thisMonth' },
          ],
          groupBy: [{ field: 'category' }],
          measures: [{ aggregate: 'count' }],
        },
        layout: at(4),
      },
      {
        key: 'workOrdersByTechnician',
        title: '派工单（按技术员）',
        chart: 'stackedBar',
        dateField: 'appointmentStart',
        definition: {
          source: 'workOrders',
          filters: [{ field: 'appointmentStart', op: 'within', value: 'thisMonth' }],
          groupBy: [{ field: 'ownerId' }, { field: 'status' }],
          measures: [{ aggregate: 'count' }],
        },
        layout: at(5),
      },
    ],
  },
  finance: {
    name: '财务分析',
    period: 'thisYear',
    widgets: [
      {
        key: 'collectionsByMonth',
        title: '各月回款',
        chart: 'bar',
        dateField: 'receivedOn',
        definition: {
          source: 'receipts',
          filters: [
            { field: 'status', op: 'eq', value: 'confirmed' },
            { field: 'receivedOn', op: 'within', value: 'thisYear' },
          ],
          groupBy: [{ field: 'receivedOn', unit: 'month' }],
          measures: [{ aggregate: 'sum', field: 'amount' }],
        },
        layout: at(0),
      },
      {
        key: 'dueVsReceived',
        title: '应收与已回款（按到期月）',
        chart: 'bar',
        dateField: 'dueDate',
        definition: {
          source: 'instalments',
          filters: [{ field: 'dueDate', op: 'within', value: 'thisYear' }],
          groupBy: [{ field: 'dueDate', unit: 'month' }],
          measures: [
            { aggregate: 'sum', field: 'amount' },
            { aggregate: 'sum', field: 'received' },
          ],
        },
        layout: at(1),
      },
      {
        key: 'invoicesByMonth',
        title: '各月开票',
        chart: 'line',
        dateField: 'issuedOn',
        definition: {
          source: 'invoices',
          filters: [
            { field: 'status', op: 'eq', value: 'issued' },
            { field: 'issuedOn', op: 'within', value: 'thisYear' },
          ],
          groupBy: [{ field: 'issuedOn', unit: 'month' }],
          measures: [{ aggregate: 'sum', field: 'amount' }],
        },
        layout: at(2),
      },
      {
        key: 'receiptsByMethod',
        title: '回款方式',
        chart: 'donut',
        dateField: 'receivedOn',
        definition: {
          source: 'receipts',
          filters: [
            { field: 'status', op: 'eq', value: 'confirmed' },
            { field: 'receivedOn', op: 'within', value: 'thisYear' },
          ],
          groupBy: [{ field: 'method' }],
          measures: [{ aggregate: 'sum', field: 'amount' }],
        },
        layout: at(3),
      },
      {
        key: 'contractsSigned',
        title: '合同签订（与去年同期比）',
        chart: 'table',
        dateField: 'signedOn',
        definition: {
          source: 'contracts',
          filters: [{ field: 'signedOn', op: 'within', value: 'thisYear' }],
          groupBy: [{ field: 'category' }],
          measures: [{ aggregate: 'sum', field: 'amount' }, { aggregate: 'count' }],
          compare: 'previousYear',
        },
        layout: at(4),
      },
    ],
  },
};
