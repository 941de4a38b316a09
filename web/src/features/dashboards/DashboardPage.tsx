import { CopyOutlined, DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { type Dashboard, type ReportRelativePeriod, reportRelativePeriods } from '@relate/common';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useErrorReporter } from '../../components/forms';
import { useDepartments } from '../../components/queries';
import { RecordNotFound } from '../../components/RecordNotFound';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { usePageTitle } from '../../components/usePageTitle';
import { DepartmentSelect } from '../../components/users';
import { ShareTargetSelects, useRoleNames } from '../reports/ShareTargetSelects';
import { DashboardFigures, useDashboardWords, useWidgetPlanner } from './DashboardFigures';
import { copiedWidgets, type DashboardView, departmentAndBelow, planWidget } from './dashboard-widgets';
import {
  useDashboard,
  useDashboards,
  useDeleteDashboard,
  useRefreshWidgets,
  useSaveDashboard,
  useWidgetsStatus,
} from './queries';

/** What edit mode changes, saved together. */
type Draft = Pick<Dashboard, 'name' | 'refreshMinutes' | 'sharedWithRoleIds' | 'sharedWithDepartmentIds' | 'widgets'>;

/**
 * 仪表盘: report widgets on a grid, under one period and department, refreshed on request and every so
 * many minutes. `/dashboards` opens the first one the user sees (the built-in ones come first).
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const dashboards = useDashboards();
  const first = dashboards.data?.[0];
  if (id !== undefined) return <DashboardScreen id={Number(id)} />;
  if (first) return <Navigate to={`/dashboards/${first.id}`} replace />;
  if (dashboards.error) return <RecordNotFound error={dashboards.error} backTo="/" />;
  return <Card>{dashboards.data ? <Empty description={t('dashboards.noDashboards')} /> : <Skeleton active />}</Card>;
}

function DashboardScreen({ id }: { id: number }) {
  const { t } = useTranslation();
  const dashboard = useDashboard(id);
  const { nameOf } = useDashboardWords();
  usePageTitle(dashboard.data && nameOf(dashboard.data), t('nav.dashboards'));
  if (dashboard.error) return <RecordNotFound error={dashboard.error} backTo="/dashboards" />;
  if (!dashboard.data)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  return <DashboardBoard key={dashboard.data.id} dashboard={dashboard.data} />;
}

function DashboardBoard({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const reportError = useErrorReporter();
  const { nameOf, titleOf } = useDashboardWords();
  const dashboards = useDashboards();
  const departments = useDepartments();
  const roleNames = useRoleNames();
  const save = useSaveDashboard();
  const remove = useDeleteDashboard();
  const refreshWidgets = useRefreshWidgets();
  const newDialog = useSaveDialog<null>();
  const [period, setPeriod] = useState<ReportRelativePeriod>(dashboard.period);
  const [departmentId, setDepartmentId] = useState<number>();
  const [draft, setDraft] = useState<Draft | null>(null);

  const widgets = draft?.widgets ?? dashboard.widgets;
  const view: DashboardView = {
    period,
    departmentIds: departmentId ? departmentAndBelow(departments.data ?? [], departmentId) : [],
  };
  const { known, planOf } = useWidgetPlanner(view);
  /** The roles whose users see it on their home page, by name. */
  const homeRoles = roleNames.names(dashboard.homeOfRoleIds).join(t('reports.library.fieldSeparator'));
  const status = useWidgetsStatus(
    widgets.map((widget) => {
      const plan = planOf(widget);
      return plan.kind === 'run' ? plan.definition : null;
    }),
    dashboard.refreshMinutes,
  );

  const saveCopy = async () => {
    // Only the widgets the user may see themselves: the server refuses a dashboard with any other.
    const kept = dashboard.widgets.filter((w) => planWidget(w, { period, departmentIds: [] }, known).kind === 'run');
    try {
      const copy = await save.mutateAsync({
        body: {
          name: t('dashboards.copyName', { name: nameOf(dashboard) }).slice(0, 100),
          widgets: copiedWidgets(dashboard, kept, (w) => titleOf(dashboard, w)),
          period: dashboard.period,
          refreshMinutes: dashboard.refreshMinutes,
        },
      });
      message.success(t('dashboards.copied'));
      void navigate(`/dashboards/${copy.id}`);
    } catch (error) {
      reportError(error);
    }
  };
  const saveDraft = async () => {
    if (!draft) return;
    try {
      await save.mutateAsync({ id: dashboard.id, body: { ...draft, name: draft.name.trim() } });
      setDraft(null);
      message.success(t('common.saved'));
    } catch (error) {
      reportError(error);
    }
  };
  const deleteDashboard = async () => {
    try {
      await remove.mutateAsync(dashboard.id);
      message.success(t('common.deleted'));
      void navigate('/dashboards', { replace: true });
    } catch (error) {
      reportError(error);
    }
  };

  const list = dashboards.data ?? [dashboard];
  const pickerGroups = [
    { label: t('dashboards.groups.builtin'), items: list.filter((d) => d.builtin) },
    { label: t('dashboards.groups.mine'), items: list.filter((d) => !d.builtin && d.mine) },
    { label: t('dashboards.groups.shared'), items: list.filter((d) => !d.builtin && !d.mine) },
  ]
    .filter((group) => group.items.length)
    .map((group) => ({
      label: group.label,
      options: group.items.map((d) => ({
        value: d.id,
        label: d.builtin || d.mine ? nameOf(d) : `${d.name} · ${d.ownerName ?? ''}`,
      })),
    }));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Flex wrap gap={8} align="center" justify="space-between">
          <Space wrap>
            <Select
              aria-label={t('dashboards.picker')}
              style={{ width: 220 }}
              value={dashboard.id}
              disabled={draft !== null}
              loading={dashboards.isLoading}
              options={pickerGroups}
              onChange={(id: number) => void navigate(`/dashboards/${id}`)}
            />
            <Select
              aria-label={t('dashboards.period')}
              style={{ width: 130 }}
              value={period}
              onChange={setPeriod}
              options={reportRelativePeriods.map((p) => ({ value: p, label: t(`reports.periods.${p}`) }))}
            />
            <DepartmentSelect
              aria-label={t('dashboards.department')}
              placeholder={t('dashboards.allDepartments')}
              style={{ width: 180 }}
              value={departmentId}
              onChange={(value) => setDepartmentId(value as number | undefined)}
            />
            <Button icon={<ReloadOutlined spin={status.fetching} />} onClick={() => void refreshWidgets()}>
              {t('dashboards.refresh')}
            </Button>
            <Typography.Text type="secondary" data-testid="dashboard-updated">
              {status.updatedAt > 0 && t('dashboards.updatedAt', { time: dayjs(status.updatedAt).format('HH:mm:ss') })}
              {dashboard.refreshMinutes && ` · ${t('dashboards.autoRefresh', { minutes: dashboard.refreshMinutes })}`}
            </Typography.Text>
          </Space>
          {draft === null && (
            <Space wrap>
              <Button icon={<PlusOutlined />} onClick={newDialog.openNew}>
                {t('dashboards.new')}
              </Button>
              {dashboard.mine ? (
                <>
                  <Button
                    icon={<EditOutlined />}
                    onClick={() =>
                      setDraft({
                        name: dashboard.name,
                        refreshMinutes: dashboard.refreshMinutes,
                        sharedWithRoleIds: dashboard.sharedWithRoleIds,
                        sharedWithDepartmentIds: dashboard.sharedWithDepartmentIds,
                        widgets: dashboard.widgets,
                      })
                    }
                  >
                    {t('common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('dashboards.deleteConfirm', { name: dashboard.name })}
                    description={
                      dashboard.homeOfRoleIds.length
                        ? t('dashboards.deleteHomeWarning', { roles: homeRoles })
                        : undefined
                    }
                    okButtonProps={{ danger: true }}
                    onConfirm={deleteDashboard}
                  >
                    <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </>
              ) : (
                <Button
                  icon={<CopyOutlined />}
                  disabled={!known.sources}
                  loading={save.isPending}
                  onClick={() => void saveCopy()}
                >
                  {t('dashboards.copy')}
                </Button>
              )}
            </Space>
          )}
        </Flex>
        {draft !== null && (
          <DraftBar
            draft={draft}
            saving={save.isPending}
            homeOfRoleIds={dashboard.homeOfRoleIds}
            onChange={setDraft}
            onSave={() => void saveDraft()}
            onCancel={() => setDraft(null)}
          />
        )}
      </Card>
      {widgets.length ? (
        <DashboardFigures
          dashboard={dashboard}
          widgets={widgets}
          planOf={planOf}
          editing={draft !== null}
          onChange={(next) => draft && setDraft({ ...draft, widgets: next })}
        />
      ) : (
        <Card>
          <Empty description={t('dashboards.empty')}>
            <Typography.Paragraph type="secondary">{t('dashboards.emptyHint')}</Typography.Paragraph>
            <Link to="/reports">{t('dashboards.openReports')}</Link>
          </Empty>
        </Card>
      )}
      <SaveDialog<null, { name: string }>
        dialog={newDialog}
        title={t('dashboards.new')}
        onSave={async (values) => {
          const created = await save.mutateAsync({ body: { name: values.name.trim(), widgets: [] } });
          void navigate(`/dashboards/${created.id}`);
        }}
      >
        <Form.Item name="name" label={t('dashboards.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
      </SaveDialog>
    </Space>
  );
}

/**
 * Edit mode's fields: the name, the refresh interval and the departments and roles it is shared with;
 * save or cancel. Saving asks first when it takes the dashboard from a role whose home page shows it.
 */
function DraftBar({
  draft,
  saving,
  homeOfRoleIds,
  onChange,
  onSave,
  onCancel,
}: {
  draft: Draft;
  saving: boolean;
  homeOfRoleIds: number[];
  onChange: (draft: Draft) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const roleNames = useRoleNames();
  const leaving = homeOfRoleIds.filter((id) => !draft.sharedWithRoleIds.includes(id));
  return (
    <Flex vertical gap={8} style={{ marginTop: 12 }}>
      <Typography.Text type="secondary">{t('dashboards.editHint')}</Typography.Text>
      <Space wrap>
        <Input
          aria-label={t('dashboards.name')}
          style={{ width: 220 }}
          maxLength={100}
          value={draft.name}
          onChange={(e) => onChange({ ...draft, name: e.target.value })}
        />
        <InputNumber
          aria-label={t('dashboards.refreshMinutes')}
          style={{ width: 220 }}
          min={1}
          max={1440}
          precision={0}
          placeholder={t('dashboards.refreshNever')}
          addonAfter={t('dashboards.minutes')}
          value={draft.refreshMinutes}
          onChange={(value) => onChange({ ...draft, refreshMinutes: value ?? null })}
        />
        <ShareTargetSelects value={draft} onChange={(shares) => onChange({ ...draft, ...shares })} />
        <Popconfirm
          disabled={!leaving.length}
          title={t('dashboards.unshareHomeConfirm', {
            roles: roleNames.names(leaving).join(t('reports.library.fieldSeparator')),
          })}
          onConfirm={onSave}
        >
          <Button
            type="primary"
            loading={saving}
            disabled={!draft.name.trim()}
            onClick={leaving.length ? undefined : onSave}
          >
            {t('common.save')}
          </Button>
        </Popconfirm>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Flex>
  );
}
