import { PlusOutlined } from '@ant-design/icons';
import { type ArticleQuery, articleStatuses, type QueryOf } from '@relate/common';
import { Button, Card, Empty, Input, List, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { useArticles } from './queries';
import { useFiltersWithAddressSearch } from '../../components/useFiltersWithAddressSearch';
import { usePageTitle } from '../../components/usePageTitle';

/** 知识库: search the articles; writers see their drafts too. */
export function ArticleListPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.knowledge'));
  const { can } = useSession();
  const navigate = useNavigate();
  const [filters, setFilters, addressQ] = useFiltersWithAddressSearch<
    Pick<QueryOf<typeof ArticleQuery>, 'q' | 'category' | 'status'> & { page: number }
  >({ page: 1 });
  const { data, isFetching } = useArticles({ ...filters, pageSize: 20 });
  const change = (next: Partial<typeof filters>) => setFilters((f) => ({ ...f, page: 1, ...next }));
  return (
    <Card
      title={t('nav.knowledge')}
      extra={
        can('knowledge.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/kb/new')} data-testid="new-article">
            {t('knowledge.new')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          key={addressQ}
          defaultValue={addressQ}
          allowClear
          placeholder={t('knowledge.searchPlaceholder')}
          onSearch={(q) => change({ q: q || undefined })}
          style={{ width: 300 }}
          data-testid="kb-search"
        />
        <DictionarySelect
          type="kb_category"
          allowClear
          placeholder={t('knowledge.fields.category')}
          style={{ width: 160 }}
          value={filters.category}
          onChange={(category: string) => change({ category })}
        />
        {(can('knowledge.manage') || can('knowledge.review')) && (
          <Select
            allowClear
            placeholder={t('knowledge.fields.status')}
            style={{ width: 140 }}
            value={filters.status}
            onChange={(status) => change({ status })}
            options={articleStatuses.map((s) => ({ value: s, label: t(`knowledge.statuses.${s}`) }))}
          />
        )}
      </Space>
      <List
        loading={isFetching}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('knowledge.empty')} /> }}
        pagination={{
          current: filters.page,
          pageSize: 20,
          total: data?.total ?? 0,
          onChange: (page) => setFilters((f) => ({ ...f, page })),
        }}
        renderItem={(a) => (
          <List.Item
            extra={<Typography.Text type="secondary">{dayjs(a.updatedAt).format('YYYY-MM-DD')}</Typography.Text>}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/kb/${a.id}`}>{a.title}</Link>
                  {a.status === 'draft' && <Tag color="gold">{t('knowledge.statuses.draft')}</Tag>}
                  <DictionaryTag type="kb_category" code={a.category} />
                  {a.tags.map((tag) => (
                    <Tag key={tag}>{tag}</Tag>
                  ))}
                </Space>
              }
              description={a.excerpt}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
