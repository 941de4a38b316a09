import type { AuditLog, AuditQuery, QueryOf } from '@relate/common';
import { DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditLogs } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

const actions = [
  'login',
  'login_failed',
  'logout',
  'create',
  'update',
  'delete',
  'restore',
  'purge',
  'merge',
  'handover',
  'assign',
  'import',
  'export',
  'permission_change',
  'password_change',
  'password_reset',
];
const entities = [
  'auth',
  'customers',
  'contacts',
  'users',
  'roles',
  'departments',
  'settings',
  'dictionaryOptions',
  'customFields',
  'apiKeys',
];

export function AuditLogPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.audit'));
  const [query, setQuery] = useState<QueryOf<typeof AuditQuery>>({ page: 1, pageSize: 50 });
  const logs = useAuditLogs(query);
  const set = (changes: QueryOf<typeof AuditQuery>) => setQuery({ ...query, page: 1, ...changes });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.audit')}
      </Typography.Title>
      <Space wrap>
        <Select
          allowClear
          placeholder={t('audit.action')}
          style={{ width: 160 }}
          onChange={(action) => set({ action })}
          options={actions.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))}
        />
        <Select
          allowClear
          placeholder={t('audit.entity')}
          style={{ width: 160 }}
          onChange={(entity) => set({ entity })}
          options={entities.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
        />
        <Input.Search allowClear placeholder={t('audit.user')} onSearch={(q) => set({ q })} style={{ width: 180 }} />
        <DatePicker.RangePicker
          onChange={(range) => set({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        />
      </Space>
      <Table<AuditLog>
        rowKey="id"
        size="small"
        loading={logs.isFetching}
        dataSource={logs.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: Number(query.page),
          pageSize: Number(query.pageSize),
          total: logs.data?.total ?? 0,
          onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
        expandable={{
          rowExpandable: (row) => Boolean(row.changes?.length || row.detail),
          expandedRowRender: (row) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {row.changes?.map((c) => `${c.field}: ${JSON.stringify(c.old)} → ${JSON.stringify(c.new)}`).join('\n')}
              {row.detail ? `\n${JSON.stringify(row.detail, null, 2)}` : ''}
            </pre>
          ),
        }}
        columns={[
          {
            title: t('audit.time'),
            dataIndex: 'createdAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
          },
          { title: t('audit.user'), dataIndex: 'username' },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (a: string) => t(`audit.actions.${a}`, { defaultValue: a }),
          },
          {
            title: t('audit.entity'),
            dataIndex: 'entity',
            render: (e: string) => t(`audit.entities.${e}`, { defaultValue: e }),
          },
          { title: 'ID', dataIndex: 'entityId' },
          { title: 'IP', dataIndex: 'ip' },
        ]}
      />
    </Space>
  );
}
