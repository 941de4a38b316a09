import { CalculatorOutlined } from '@ant-design/icons';
import { type CommissionStatement, type StatementStatus, statementStatuses } from '@relate/common';
import { App, Button, Card, DatePicker, Popconfirm, Select, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { useMoney } from '../../components/money';
import { PagedTable } from '../../components/PagedTable';
import { usePageTitle } from '../../components/usePageTitle';
import { UserSelect } from '../../components/users';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { useCommissionStatements, useGenerateStatements } from './queries';
import { StatementStatusTag } from './StatementStatusTag';

/** 提成单: each person's statement of a month, with its status and what it pays; those who manage commission compute a month. */
export function StatementsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.commissionStatements'));
  const { message } = App.useApp();
  const { can } = useSession();
  const money = useMoney();
  const [params, update] = useSearchParamsUpdate({ replace: true });
  // Every month, newest first, unless one is chosen; the month computed is the one chosen, else this one.
  const month = params.get('month') || undefined;
  const computed = month ?? dayjs().format('YYYY-MM');
  const status = (params.get('status') || undefined) as StatementStatus | undefined;
  const userId = params.get('userId') ? Number(params.get('userId')) : undefined;
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const { data, isFetching } = useCommissionStatements({
    month,
    status: status ? [status] : undefined,
    userId,
    page,
    pageSize,
  });
  const generate = useGenerateStatements();
  const compute = async () => {
    try {
      const result = await generate.mutateAsync({ month: computed });
      message.success(
        t('commission.statements.generated', { count: result.generated.length, skipped: result.skipped.length }),
      );
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  const columns: TableColumnsType<CommissionStatement> = [
    {
      title: t('commission.statements.fields.user'),
      dataIndex: 'userName',
      render: (v: string, s) => <Link to={`/commission/statements/${s.id}`}>{v}</Link>,
    },
    { title: t('commission.statements.fields.month'), dataIndex: 'month' },
    {
      title: t('commission.statements.fields.plan'),
      dataIndex: 'planName',
      render: (v: string | null, s) => (v ? `${v} · ${t(`commission.bases.${s.basis}`)}` : '-'),
    },
    {
      title: t('commission.statements.fields.status'),
      dataIndex: 'status',
      render: (v: StatementStatus) => <StatementStatusTag status={v} />,
    },
    {
      title: t('commission.statements.fields.attainment'),
      dataIndex: 'attainment',
      align: 'right',
      render: (v: string | null) => (v === null ? '-' : `${v}%`),
    },
    {
      title: t('commission.statements.fields.multiplier'),
      dataIndex: 'multiplier',
      align: 'right',
      render: (v: string) => `×${v}`,
    },
    {
      title: t('commission.statements.fields.gross'),
      dataIndex: 'gross',
      align: 'right',
      render: (v: string, s) => money(v, s.currency),
    },
    {
      title: t('commission.statements.fields.adjustments'),
      dataIndex: 'adjustments',
      align: 'right',
      render: (v: string, s) => money(v, s.currency),
    },
    {
      title: t('commission.statements.fields.total'),
      dataIndex: 'total',
      align: 'right',
      render: (v: string, s) => <strong>{money(v, s.currency)}</strong>,
    },
    { title: t('commission.statements.fields.lines'), dataIndex: 'lineCount', align: 'right' },
  ];
  return (
    <Card
      title={t('nav.commissionStatements')}
      extra={
        can('commission.manage') && (
          <Popconfirm
            title={t('commission.statements.generateConfirm', { month: computed })}
            onConfirm={() => void compute()}
            okButtonProps={{ 'data-testid': 'commission-generate-confirm' } as Record<string, string>}
          >
            <Button
              type="primary"
              icon={<CalculatorOutlined />}
              loading={generate.isPending}
              data-testid="commission-generate"
            >
              {t('commission.statements.generate')}
            </Button>
          </Popconfirm>
        )
      }
    >
      <FilterBar style={{ marginBottom: 16 }}>
        <DatePicker
          picker="month"
          placeholder={t('commission.statements.allMonths')}
          value={month ? dayjs(`${month}-01`) : null}
          onChange={(v) => update({ month: v ? v.format('YYYY-MM') : undefined })}
          aria-label={t('commission.statements.fields.month')}
          data-testid="commission-month"
        />
        <Select
          allowClear
          placeholder={t('commission.statements.fields.status')}
          style={{ width: 140 }}
          value={status}
          onChange={(v?: string) => update({ status: v })}
          options={statementStatuses.map((s) => ({ value: s, label: t(`commission.statuses.${s}`) }))}
        />
        {can('org.view') && (
          <UserSelect
            placeholder={t('commission.statements.fields.user')}
            style={{ width: 200 }}
            value={userId}
            onChange={(v?: number) => update({ userId: v })}
          />
        )}
      </FilterBar>
      <PagedTable<CommissionStatement>
        list={data}
        page={page}
        pageSize={pageSize}
        loading={isFetching}
        empty={month ? t('commission.statements.empty', { month }) : t('commission.statements.none')}
        onPageChange={update}
        columns={columns}
        data-testid="commission-statements"
      />
    </Card>
  );
}
