import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ProductCategory } from '@relate/common';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Tree, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../app/api';
import { useErrorReporter } from '../../components/forms';
import { categoryTree, useProductCategories } from './queries';

/** Product lines and series: pick one to filter the list; managers add, rename and remove them here. */
export function CategoryTree({
  selected,
  onSelect,
  editable,
}: {
  selected?: number;
  onSelect: (id: number | undefined) => void;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data = [] } = useProductCategories();
  const [editing, setEditing] = useState<Partial<ProductCategory> | null>(null);
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['productCategories'] });
  const byId = new Map(data.map((c) => [c.id, c]));

  const save = async (values: { name: string }) => {
    try {
      if (editing?.id) await api.patch(`/api/v1/product-categories/${editing.id}`, values);
      else await api.post('/api/v1/product-categories', { ...values, parentId: editing?.parentId ?? null });
      setEditing(null);
      refresh();
    } catch (error) {
      reportError(error);
    }
  };
  const remove = async (id: number) => {
    try {
      await api.delete(`/api/v1/product-categories/${id}`);
      if (selected === id) onSelect(undefined);
      refresh();
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  const open = (value: Partial<ProductCategory>) => {
    setEditing(value);
    form.setFieldsValue({ name: value.name ?? '' });
  };

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Link strong={!selected} onClick={() => onSelect(undefined)}>
          {t('products.allCategories')}
        </Typography.Link>
        {editable && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => open({ parentId: null })}
            aria-label={t('products.newCategory')}
          />
        )}
      </Space>
      <Tree
        blockNode
        defaultExpandAll
        selectedKeys={selected ? [selected] : []}
        treeData={categoryTree(data)}
        onSelect={(keys) => onSelect(keys.length ? Number(keys[0]) : undefined)}
        titleRender={(node) => {
          const category = byId.get(Number(node.key));
          return (
            <Space size={4}>
              <span>{String(node.title)}</span>
              {category && <Typography.Text type="secondary">({category.productCount})</Typography.Text>}
              {editable && category && (
                <span onClick={(e) => e.stopPropagation()}>
                  <Button
                    type="text"
                    size="small"
                    icon={<PlusOutlined />}
                    aria-label={t('products.newCategory')}
                    onClick={() => open({ parentId: category.id })}
                  />
                  <Button
                    type="text"
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('common.edit')}
                    onClick={() => open(category)}
                  />
                  <Popconfirm title={t('common.deleteConfirm')} onConfirm={() => void remove(category.id)}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                </span>
              )}
            </Space>
          );
        }}
      />
      <Modal
        open={editing !== null}
        title={editing?.id ? t('products.renameCategory') : t('products.newCategory')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          {editing?.parentId ? (
            <Typography.Paragraph type="secondary">
              {t('products.under', { name: byId.get(editing.parentId)?.name })}
            </Typography.Paragraph>
          ) : null}
          <Form.Item
            name="name"
            label={t('products.categoryName')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={100} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
