import { PlusOutlined } from '@ant-design/icons';
import type { WebForm } from '@relate/common';
import { Button, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { usePageTitle } from '../../components/usePageTitle';
import { useWebForms } from './queries';

/** The web-to-lead forms, each with its address and number of submissions. */
export function WebFormListPage() {
  const { t } = useTranslation();
  usePageTitle(t('webForms.title'));
  const { can } = useSession();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { data, isFetching } = useWebForms({ q: q || undefined, page, pageSize: 20 });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('webForms.title')}
        </Typography.Title>
        <Space wrap>
          <Input.Search allowClear placeholder={t('common.search')} onSearch={(v) => (setQ(v), setPage(1))} />
          {can('webForms.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/web-forms/new')}
              data-testid="new-web-form"
            >
              {t('webForms.new')}
            </Button>
          )}
        </Space>
      </Space>
      <Table<WebForm>
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            title: t('webForms.fields.name'),
            dataIndex: 'name',
            render: (name, f) => <Link to={`/web-forms/${f.id}`}>{name}</Link>,
          },
          {
            title: t('webForms.fields.slug'),
            dataIndex: 'slug',
            render: (slug) => (
              <a href={`/f/${slug}`} target="_blank" rel="noreferrer">
                /f/{slug}
              </a>
            ),
          },
          { title: t('webForms.fields.campaign'), dataIndex: 'campaignName' },
          {
            title: t('webForms.fields.active'),
            dataIndex: 'active',
            render: (active) => (
              <Tag color={active ? 'green' : 'default'}>{active ? t('webForms.live') : t('webForms.offline')}</Tag>
            ),
          },
          { title: t('webForms.submissions'), dataIndex: 'submissionCount', align: 'right' },
        ]}
      />
    </Space>
  );
}
