import type { DailyReportSummary } from '@relate/common';
import { DatePicker, Descriptions, Drawer, Empty, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentSelect, UserSelect } from '../../components/users';
import { useDailyReport, useDailyReports } from './queries';
import { ReportActivity } from './ReportActivity';

/** Submitted reports of the people in the caller's scope, by day; one opens in a drawer. */
export function TeamReportsTab() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<{
    page: number;
    pageSize: number;
    dateFrom?: string;
    dateTo?: string;
    ownerId?: number;
    departmentId?: number;
  }>({ page: 1, pageSize: 20 });
  const [openId, setOpenId] = useState<number | null>(null);
  const { data, isFetching } = useDailyReports({
    ...filters,
    ownerId: filters.ownerId ? [filters.ownerId] : undefined,
    status: 'submitted',
  });
  const { data: open } = useDailyReport(openId);
  const change = (next: Partial<typeof filters>) => setFilters((f) => ({ ...f, page: 1, ...next }));

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          value={filters.dateFrom && filters.dateTo ? [dayjs(filters.dateFrom), dayjs(filters.dateTo)] : null}
          onChange={(range) =>
            change({ dateFrom: range?.[0]?.format('YYYY-MM-DD'), dateTo: range?.[1]?.format('YYYY-MM-DD') })
          }
        />
        <DepartmentSelect
          allowClear
          placeholder={t('nav.departments')}
          value={filters.departmentId}
          onChange={(v) => change({ departmentId: v as number | undefined })}
          style={{ width: 180 }}
        />
        <UserSelect
          allowClear
          placeholder={t('dailyReports.fields.owner')}
          value={filters.ownerId}
          onChange={(v) => change({ ownerId: v as number | undefined })}
          style={{ width: 160 }}
        />
      </Space>
      <Table<DailyReportSummary>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('dailyReports.empty')} /> }}
        onRow={(row) => ({ onClick: () => setOpenId(row.id), style: { cursor: 'pointer' } })}
        data-testid="team-reports"
        columns={[
          { title: t('dailyReports.fields.date'), dataIndex: 'date', width: 120 },
          { title: t('dailyReports.fields.owner'), dataIndex: 'ownerName', width: 140 },
          {
            title: t('dailyReports.fields.summary'),
            dataIndex: 'summary',
            render: (v: string) => (
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 520 }}>
                {v}
              </Typography.Paragraph>
            ),
          },
          { title: t('dailyReports.counts.followups'), dataIndex: ['counts', 'followups'], align: 'right', width: 100 },
          { title: t('dailyReports.counts.tasksDone'), dataIndex: ['counts', 'tasksDone'], align: 'right', width: 100 },
          {
            title: t('dailyReports.counts.opportunitiesMoved'),
            dataIndex: ['counts', 'opportunitiesMoved'],
            align: 'right',
            width: 100,
          },
          {
            title: t('dailyReports.fields.submittedAt'),
            dataIndex: 'submittedAt',
            width: 150,
            render: (v: string | null) => (v ? dayjs(v).format('MM-DD HH:mm') : '-'),
          },
        ]}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => t('common.total', { count: total }),
        }}
        onChange={(p) => setFilters((f) => ({ ...f, page: p.current ?? 1, pageSize: p.pageSize ?? 20 }))}
      />
      <Drawer
        width={640}
        open={openId !== null}
        onClose={() => setOpenId(null)}
        title={open ? `${open.ownerName} · ${open.date}` : t('nav.dailyReports')}
      >
        {open && (
          <>
            <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('dailyReports.fields.summary')}>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{open.summary}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('dailyReports.fields.plan')}>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{open.plan ?? '-'}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('dailyReports.fields.problems')}>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{open.problems ?? '-'}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>{t('dailyReports.activity')}</Typography.Title>
            <ReportActivity activity={open.activity} />
          </>
        )}
      </Drawer>
    </>
  );
}
