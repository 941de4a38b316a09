import { PlusOutlined } from '@ant-design/icons';
import type { Task } from '@relate/common';
import { Button, Card, Checkbox, Segmented, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { DictionaryTag } from '../../components/dictionaries';
import { FilterBar } from '../../components/FilterBar';
import { useErrorReporter } from '../../components/forms';
import { ListViews } from '../../components/ListViews';
import { PagedTable } from '../../components/PagedTable';
import { useListView } from '../../components/useListView';
import { useTasks, useUpdateTask } from './queries';
import { TaskForm } from './TaskForm';
import { usePageTitle } from '../../components/usePageTitle';

const relatedPaths = { customers: '/customers', leads: '/leads', opportunities: '/opportunities' } as const;
const priorityColors = { low: 'default', normal: 'blue', high: 'red' } as const;

/** Tasks of the caller's scope: open, overdue or done, completed with one tick. */
export function TaskListPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.tasks'));
  const { can } = useSession();
  const [view, setView] = useState<'open' | 'overdue' | 'done'>('open');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<{ open: boolean; task?: Task }>({ open: false });
  const reportError = useErrorReporter();
  const update = useUpdateTask();
  const { data, isFetching } = useTasks({
    status: [view === 'done' ? 'done' : 'open'],
    overdue: view === 'overdue' ? true : undefined,
    page,
    pageSize: 20,
    sort: view === 'done' ? 'dueAt:desc' : 'dueAt:asc',
  });
  const columns: TableColumnsType<Task> = [
    {
      key: 'done',
      width: 40,
      render: (_, task) => (
        <Checkbox
          aria-label={t('tasks.complete')}
          checked={task.status === 'done'}
          disabled={!can('tasks.edit')}
          onChange={(e) =>
            update.mutate(
              { id: task.id, body: { status: e.target.checked ? 'done' : 'open' } },
              { onError: reportError },
            )
          }
        />
      ),
    },
    {
      title: t('tasks.fields.subject'),
      dataIndex: 'subject',
      render: (v: string, task) => <a onClick={() => setEditing({ open: true, task })}>{v}</a>,
    },
    {
      title: t('tasks.fields.type'),
      dataIndex: 'type',
      render: (v: string) => <DictionaryTag type="task_type" code={v} />,
    },
    {
      title: t('tasks.fields.priority'),
      dataIndex: 'priority',
      render: (v: Task['priority']) => <Tag color={priorityColors[v]}>{t(`tasks.priorities.${v}`)}</Tag>,
    },
    {
      title: t('tasks.fields.dueAt'),
      dataIndex: 'dueAt',
      render: (v: string, task) => (
        <Typography.Text type={task.status === 'open' && dayjs(v).isBefore(dayjs()) ? 'danger' : undefined}>
          {dayjs(v).format('YYYY-MM-DD HH:mm')}
        </Typography.Text>
      ),
    },
    {
      title: t('tasks.fields.related'),
      key: 'related',
      render: (_, task) =>
        task.relatedEntity && task.relatedId ? (
          <Link to={`${relatedPaths[task.relatedEntity]}/${task.relatedId}`}>{task.relatedName}</Link>
        ) : (
          '-'
        ),
    },
    { title: t('tasks.fields.assignee'), dataIndex: 'assigneeName' },
  ];
  const listView = useListView('tasks', columns, {
    query: view === 'open' ? {} : { view },
    sort: undefined,
    apply: (query) => {
      setView((query.view as typeof view | undefined) ?? 'open');
      setPage(1);
    },
  });
  return (
    <Card
      title={t('nav.tasks')}
      extra={
        can('tasks.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true })}>
            {t('tasks.new')}
          </Button>
        )
      }
    >
      <FilterBar style={{ marginBottom: 16 }} extra={<ListViews view={listView} />}>
        <Segmented
          value={view}
          onChange={(v) => {
            setView(v as typeof view);
            setPage(1);
          }}
          options={(['open', 'overdue', 'done'] as const).map((v) => ({ value: v, label: t(`tasks.views.${v}`) }))}
        />
      </FilterBar>
      <PagedTable<Task>
        list={data}
        page={page}
        pageSize={20}
        pageSizeOptions={[20]}
        loading={isFetching}
        empty={t('tasks.empty')}
        {...listView.table}
        onPageChange={(change) => setPage(change.page)}
      />
      <TaskForm open={editing.open} task={editing.task} onClose={() => setEditing({ open: false })} />
    </Card>
  );
}
