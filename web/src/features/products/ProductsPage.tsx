import { DeleteOutlined, EditOutlined, PlusOutlined, UndoOutlined, UploadOutlined } from '@ant-design/icons';
import type { Product } from '@relate/common';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { DictionaryTag } from '../../components/dictionaries';
import { ExportButton } from '../../components/ExportButton';
import { useMoney } from '../../components/money';
import { CategoryTree } from './CategoryTree';
import { ProductForm } from './ProductForm';
import { productsApi } from './api';
import { type ProductFilters, useDeleteProduct, useProducts, useRestoreProduct } from './queries';
import { usePageTitle } from '../../components/usePageTitle';
import { FilterBar } from '../../components/FilterBar';
import { ListViews } from '../../components/ListViews';
import { stateListFilters, useListView } from '../../components/useListView';

/** The product catalogue: categories on the left, products on the right; deleted products can be brought back. */
export function ProductsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.products'));
  const { message } = App.useApp();
  const { can } = useSession();
  const money = useMoney();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<ProductFilters>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const { data, isFetching } = useProducts(filters);
  const change = (next: Partial<ProductFilters>) => setFilters((f) => ({ ...f, page: 1, ...next }));
  const deleteProduct = useDeleteProduct();
  const restoreProduct = useRestoreProduct();
  const act = async (request: Promise<unknown>, done: string) => {
    try {
      await request;
      message.success(done);
    } catch (error) {
      message.error((error as Error).message);
    }
  };

  const columns: TableColumnsType<Product> = [
    { title: t('products.fields.code'), dataIndex: 'code', sorter: true },
    {
      title: t('products.fields.name'),
      dataIndex: 'name',
      sorter: true,
      render: (v: string, p) => (
        <Space direction="vertical" size={0}>
          <span>{v}</span>
          {p.specification && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.specification}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('products.fields.category'),
      dataIndex: 'categoryName',
      render: (v: string | null) => v ?? '-',
    },
    {
      title: t('products.fields.unit'),
      dataIndex: 'unit',
      render: (v: string | null) => <DictionaryTag type="product_unit" code={v} />,
    },
    {
      title: t('products.fields.listPrice'),
      dataIndex: 'listPrice',
      align: 'right',
      sorter: true,
      render: (v: string, p) => money(v, p.currency),
    },
    {
      title: t('products.fields.taxRate'),
      dataIndex: 'taxRate',
      align: 'right',
      render: (v: string) => `${v}%`,
    },
    {
      title: t('products.fields.status'),
      dataIndex: 'status',
      render: (v: Product['status']) => (
        <Tag color={v === 'on_sale' ? 'green' : 'default'}>{t(`products.statuses.${v}`)}</Tag>
      ),
    },
    {
      key: 'actions',
      width: 100,
      render: (_, p) =>
        filters.deleted ? (
          <Button
            size="small"
            icon={<UndoOutlined />}
            onClick={() => void act(restoreProduct.mutateAsync(p.id), t('recycleBin.restored'))}
          >
            {t('recycleBin.restore')}
          </Button>
        ) : (
          <Space size={0}>
            {can('products.edit') && (
              <Button
                type="text"
                size="small"
                icon={<EditOutlined />}
                aria-label={t('common.edit')}
                onClick={() => setEditing(p)}
              />
            )}
            {can('products.delete') && (
              <Popconfirm
                title={t('common.deleteConfirm')}
                description={t('products.deleteHint')}
                onConfirm={() => void act(deleteProduct.mutateAsync(p.id), t('common.deleted'))}
              >
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Popconfirm>
            )}
          </Space>
        ),
    },
  ];
  const listView = useListView(
    'products',
    columns,
    stateListFilters(filters, setFilters, { q: 'text', categoryId: 'number', status: 'text', deleted: 'boolean' }),
  );
  return (
    <Row gutter={16}>
      <Col xs={24} md={6}>
        <Card size="small" title={t('products.categories')}>
          <CategoryTree
            selected={filters.categoryId}
            onSelect={(categoryId) => change({ categoryId })}
            editable={can('products.edit')}
          />
        </Card>
      </Col>
      <Col xs={24} md={18}>
        <Card
          title={t('nav.products')}
          extra={
            <Space wrap>
              {can('products.import') && (
                <Button icon={<UploadOutlined />} onClick={() => navigate('/imports/products')}>
                  {t('imports.import')}
                </Button>
              )}
              {can('products.export') && (
                <ExportButton
                  onExport={(format) =>
                    productsApi.export({ q: filters.q, categoryId: filters.categoryId, status: filters.status }, format)
                  }
                />
              )}
              {can('products.create') && (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setEditing('new')}
                  data-testid="new-product"
                >
                  {t('products.new')}
                </Button>
              )}
            </Space>
          }
        >
          <FilterBar style={{ marginBottom: 16 }} extra={<ListViews view={listView} />}>
            <Input.Search
              key={filters.q}
              defaultValue={filters.q}
              allowClear
              placeholder={t('products.searchPlaceholder')}
              onSearch={(q) => change({ q: q || undefined })}
              style={{ width: 240 }}
            />
            <Select
              allowClear
              placeholder={t('products.fields.status')}
              value={filters.status}
              onChange={(status) => change({ status })}
              style={{ width: 140 }}
              options={(['on_sale', 'discontinued'] as const).map((s) => ({
                value: s,
                label: t(`products.statuses.${s}`),
              }))}
            />
            {can('products.delete') && (
              <Segmented
                value={filters.deleted ? 'deleted' : 'active'}
                onChange={(v) => change({ deleted: v === 'deleted' })}
                options={[
                  { value: 'active', label: t('products.active') },
                  { value: 'deleted', label: t('common.deleted') },
                ]}
              />
            )}
          </FilterBar>
          <Table<Product>
            rowKey="id"
            size="middle"
            loading={isFetching}
            dataSource={data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty
                  description={
                    filters.q || filters.categoryId || filters.status ? t('common.noMatches') : t('products.empty')
                  }
                />
              ),
            }}
            {...listView.table}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
            }}
            onChange={(pagination, _f, sorter) => {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              setFilters((f) => ({
                ...f,
                page: pagination.current ?? 1,
                pageSize: pagination.pageSize ?? 20,
                sort: s?.order ? `${String(s.field)}:${s.order === 'ascend' ? 'asc' : 'desc'}` : undefined,
              }));
            }}
          />
        </Card>
      </Col>
      <ProductForm
        open={editing !== null}
        product={editing === 'new' || editing === null ? undefined : editing}
        defaultCategoryId={filters.categoryId}
        onClose={() => setEditing(null)}
      />
    </Row>
  );
}
