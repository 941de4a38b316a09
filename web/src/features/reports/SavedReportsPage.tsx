import { DeleteOutlined, MailOutlined, PieChartOutlined } from '@ant-design/icons';
import type { SavedReport } from '@relate/common';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  Popconfirm,
  Row,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { usePageTitle } from '../../components/usePageTitle';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { ReportFolderTree } from './ReportFolderTree';
import { ReportScheduleDialog } from './ReportScheduleDialog';
import { useDeleteReport, useReportSchedules, useSavedReports } from './queries';
import { builderLink, type FolderPick, matchesLibrary, parseLibrarySort, sortReports } from './saved-report-library';
import { useReportSourceText, useSharedWithText } from './saved-report-words';
import { scheduleSummary } from './schedule-text';

const pageSize = 20;

/**
 * 报表库: the saved reports one sees (one's own and those shared with one), in folders, searchable by name
 * and sortable; each opens in the builder, and its owner sets its email schedule or deletes it.
 */
export function SavedReportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.savedReports'));
  const { message } = App.useApp();
  const { locale } = useSession();
  const navigate = useNavigate();
  const [params, update] = useSearchParamsUpdate({ replace: true });
  const saved = useSavedReports();
  const deleteReport = useDeleteReport();
  const sourceText = useReportSourceText();
  const sharedWithText = useSharedWithText();
  const [scheduling, setScheduling] = useState<SavedReport>();

  const folder: FolderPick = params.has('nofolder') ? null : (params.get('folder') ?? undefined);
  const q = params.get('q') ?? '';
  const sort = parseLibrarySort(params.get('sort'));
  const reports = saved.data ?? [];
  const shown = sortReports(
    reports.filter((r) => matchesLibrary(r, folder, q)),
    sort,
    locale,
  );
  const lastPage = Math.max(1, Math.ceil(shown.length / pageSize));
  const page = Math.min(Math.max(1, Number(params.get('page')) || 1), lastPage);
  const onPage = shown.slice((page - 1) * pageSize, page * pageSize);
  // Only an owner may read a schedule: those of one's own reports on this page.
  const schedules = useReportSchedules(onPage.filter((r) => r.mine).map((r) => r.id));

  const remove = async (report: SavedReport) => {
    try {
      await deleteReport.mutateAsync(report.id);
      message.success(t('common.deleted'));
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };
  const sortOrder = (field: string) =>
    sort.field === field ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;
  const columns: TableProps<SavedReport>['columns'] = [
    {
      key: 'name',
      title: t('reports.name'),
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (_, report) => <Link to={builderLink(report)}>{report.name}</Link>,
    },
    { key: 'source', title: t('reports.source'), render: (_, report) => sourceText(report) },
    { key: 'chart', title: t('reports.display'), render: (_, report) => t(`reports.charts.${report.chart}`) },
    {
      key: 'ownerName',
      title: t('reports.library.owner'),
      sorter: true,
      sortOrder: sortOrder('ownerName'),
      render: (_, report) => report.ownerName,
    },
    { key: 'sharedWith', title: t('reports.library.sharedWith'), render: (_, report) => sharedWithText(report) },
    {
      key: 'schedule',
      title: t('reports.schedule.title'),
      render: (_, report) => {
        const schedule = schedules.get(report.id);
        if (!report.mine || schedule === undefined) return null;
        if (schedule === null) return <Typography.Text type="secondary">{t('reports.schedule.none')}</Typography.Text>;
        return (
          <Space size={4} wrap data-testid="schedule-status">
            <span>{scheduleSummary(schedule, t)}</span>
            {!schedule.enabled && <Tag>{t('reports.schedule.paused')}</Tag>}
          </Space>
        );
      },
    },
    {
      key: 'updatedAt',
      title: t('reports.library.updatedAt'),
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (_, report) => dayjs(report.updatedAt).format('YYYY-MM-DD HH:mm'),
    },
    {
      key: 'actions',
      title: t('reports.library.actions'),
      render: (_, report) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => navigate(builderLink(report))}>
            {t('reports.library.open')}
          </Button>
          {report.mine && (
            <Button type="link" size="small" icon={<MailOutlined />} onClick={() => setScheduling(report)}>
              {t('reports.schedule.title')}
            </Button>
          )}
          {report.mine && (
            <Popconfirm
              title={t('reports.deleteConfirm', { name: report.name })}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove(report)}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const empty = reports.length ? (
    <Empty description={t('common.noMatches')} />
  ) : (
    <Empty description={t('reports.noSaved')}>
      <p>{t('reports.library.emptyHint')}</p>
      <Button type="primary" icon={<PieChartOutlined />} onClick={() => navigate('/reports')}>
        {t('reports.library.openBuilder')}
      </Button>
    </Empty>
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={6}>
        <Card size="small" title={t('reports.library.folders')}>
          <ReportFolderTree
            reports={reports}
            selected={folder}
            onSelect={(pick) => update({ folder: pick ?? undefined, nofolder: pick === null ? 1 : undefined })}
          />
        </Card>
      </Col>
      <Col xs={24} md={18}>
        <Card
          title={t('nav.savedReports')}
          extra={
            <Button icon={<PieChartOutlined />} onClick={() => navigate('/reports')}>
              {t('nav.reports')}
            </Button>
          }
        >
          <Input.Search
            key={q}
            defaultValue={q}
            allowClear
            aria-label={t('reports.library.search')}
            placeholder={t('reports.library.search')}
            onSearch={(text) => update({ q: text.trim() })}
            style={{ width: 260, marginBottom: 16 }}
          />
          <Table<SavedReport>
            rowKey="id"
            size="middle"
            // Cells wrap to fit the card; on a narrow screen the table scrolls sideways. No column is
            // pinned: a pinned column covers the others without a sign that more lies beneath.
            scroll={{ x: 760 }}
            loading={saved.isLoading}
            columns={columns}
            dataSource={onPage}
            locale={{ emptyText: saved.isLoading ? ' ' : empty }}
            pagination={{
              current: page,
              pageSize,
              total: shown.length,
              hideOnSinglePage: true,
              showSizeChanger: false,
              showTotal: (count) => t('common.total', { count }),
            }}
            onChange={(pagination, _, sorter, { action }) => {
              if (action === 'paginate')
                return update({ page: pagination.current === 1 ? undefined : pagination.current });
              const one = Array.isArray(sorter) ? sorter[0] : sorter;
              update({
                sort: one?.order ? `${String(one.columnKey)}:${one.order === 'ascend' ? 'asc' : 'desc'}` : undefined,
              });
            }}
          />
        </Card>
      </Col>
      {scheduling && <ReportScheduleDialog report={scheduling} onClose={() => setScheduling(undefined)} />}
    </Row>
  );
}
