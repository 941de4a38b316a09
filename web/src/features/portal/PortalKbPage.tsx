import type { ArticleSummary } from '@relate/common';
import { Empty, Input, List, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePortalArticles } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

/** The FAQ: searchable answers (public ones for everybody, portal ones once signed in). */
export function PortalKbPage() {
  const { t } = useTranslation();
  usePageTitle(t('portal.nav.kb'));
  const [query, setQuery] = useState({ page: 1, pageSize: 20, q: '' });
  const list = usePortalArticles(query);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('portal.nav.kb')}
      </Typography.Title>
      <Input.Search
        allowClear
        enterButton
        placeholder={t('portal.searchKb')}
        onSearch={(q) => setQuery({ ...query, q, page: 1 })}
        style={{ maxWidth: 480 }}
      />
      <List<ArticleSummary>
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={query.q ? t('common.noMatches') : t('portal.noArticles')} /> }}
        pagination={
          list.data && list.data.total > query.pageSize
            ? {
                current: query.page,
                pageSize: query.pageSize,
                total: list.data.total,
                onChange: (page) => setQuery({ ...query, page }),
              }
            : false
        }
        renderItem={(a) => (
          <List.Item>
            <List.Item.Meta title={<Link to={`/portal/kb/${a.id}`}>{a.title}</Link>} description={a.excerpt} />
            <Typography.Text type="secondary">{dayjs(a.updatedAt).format('YYYY-MM-DD')}</Typography.Text>
          </List.Item>
        )}
      />
    </Space>
  );
}
