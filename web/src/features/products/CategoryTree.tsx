import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ProductCategory } from '@relate/common';
import { App, Button, Form, Input, Popconfirm, Space, Tree, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { categoryTree, useDeleteProductCategory, useProductCategories, useSaveProductCategory } from './queries';
import { useRequired } from '../../components/forms';

/** A category being added (under `parentId`, or at the top) or renamed (`id`). */
type CategoryDraft = Pick<ProductCategory, 'parentId'> & Partial<Pick<ProductCategory, 'id' | 'name'>>;

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
  const required = useRequired();
  const { message } = App.useApp();
  const { data = [] } = useProductCategories();
  const saveCategory = useSaveProductCategory();
  const deleteCategory = useDeleteProductCategory();
  const dialog = useSaveDialog<CategoryDraft>();
  const byId = new Map(data.map((c) => [c.id, c]));

  const save = ({ name }: { name: string }, draft: CategoryDraft | null) =>
    saveCategory.mutateAsync(
      draft?.id ? { id: draft.id, body: { name } } : { body: { name, parentId: draft?.parentId ?? null } },
    );
  const remove = async (id: number) => {
    try {
      await deleteCategory.mutateAsync(id);
      if (selected === id) onSelect(undefined);
    } catch (error) {
      message.error((error as Error).message);
    }
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
            onClick={() => dialog.openEdit({ parentId: null })}
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
                    onClick={() => dialog.openEdit({ parentId: category.id })}
                  />
                  <Button
                    type="text"
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('common.edit')}
                    onClick={() => dialog.openEdit(category)}
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
      <SaveDialog
        dialog={dialog}
        title={dialog.record?.id ? t('products.renameCategory') : t('products.newCategory')}
        toValues={(draft) => ({ name: draft.name ?? '' })}
        onSave={save}
        okText={t('common.ok')}
      >
        {dialog.record?.parentId ? (
          <Typography.Paragraph type="secondary">
            {t('products.under', { name: byId.get(dialog.record.parentId)?.name })}
          </Typography.Paragraph>
        ) : null}
        <Form.Item name="name" label={t('products.categoryName')} rules={required.text}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
      </SaveDialog>
    </>
  );
}
