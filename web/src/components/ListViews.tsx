import { DownOutlined, SaveOutlined, StarFilled } from '@ant-design/icons';
import type { ListDensity } from '@relate/common';
import { App, Button, Checkbox, Dropdown, Form, Input, Segmented, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SavedView } from '../features/views/api';
import { useCreateSavedView, useDeleteSavedView, useUpdateSavedView } from '../features/views/queries';
import { ColumnChooser } from './ColumnChooser';
import { useErrorReporter, useRequired } from './forms';
import { SaveDialog, useSaveDialog } from './SaveDialog';
import type { ListView } from './useListView';

type ViewValues = { name: string; shared: boolean; isDefault: boolean };

/**
 * A list's toolbar for how it looks: the saved views (personal and shared) with save, save as, default and
 * delete, the column chooser and the density.
 */
export function ListViews({ view }: { view: ListView }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const required = useRequired();
  const report = useErrorReporter();
  const dialog = useSaveDialog<SavedView>();
  const create = useCreateSavedView();
  const update = useUpdateSavedView();
  const remove = useDeleteSavedView();
  const current = view.view;

  const option = (v: SavedView) => ({
    value: v.id,
    title: v.name,
    label: (
      <Space size={4}>
        {v.name}
        {v.isDefault && <StarFilled style={{ color: '#faad14' }} aria-label={t('views.isDefault')} />}
      </Space>
    ),
  });
  const personal = view.views.filter((v) => !v.shared);
  const shared = view.views.filter((v) => v.shared);
  const options = [
    ...(personal.length ? [{ label: t('views.personal'), options: personal.map(option) }] : []),
    ...(shared.length ? [{ label: t('views.shared'), options: shared.map(option) }] : []),
  ];

  const save = (values: ViewValues, record: SavedView | null) =>
    record
      ? update.mutateAsync({ id: record.id, ...values })
      : create.mutateAsync({ entity: view.entity, ...view.snapshot(), ...values }).then((v) => view.setViewId(v.id));
  const saveCurrent = (v: SavedView) =>
    update
      .mutateAsync({ id: v.id, ...view.snapshot() })
      .then(() => message.success(t('common.saved')))
      .catch(report);
  const toggleDefault = (v: SavedView) => update.mutateAsync({ id: v.id, isDefault: !v.isDefault }).catch(report);
  const confirmDelete = (v: SavedView) =>
    modal.confirm({
      title: t('views.deleteConfirm', { name: v.name }),
      content: v.shared ? t('views.deleteSharedHint') : undefined,
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      onOk: () => remove.mutateAsync(v.id).then(() => view.pick(undefined)),
    });

  const actions: Record<string, (v: SavedView | undefined) => void> = {
    save: (v) => v && void saveCurrent(v),
    saveAs: () => dialog.openNew(),
    edit: (v) => v && dialog.openEdit(v),
    default: (v) => v && void toggleDefault(v),
    delete: (v) => {
      if (v) confirmDelete(v);
    },
  };
  const editable = Boolean(current?.editable);
  return (
    <Space wrap size={8}>
      <Select
        aria-label={t('views.view')}
        placeholder={t('views.choose')}
        style={{ minWidth: 160 }}
        popupMatchSelectWidth={false}
        allowClear
        value={current?.id}
        options={options}
        notFoundContent={t('views.none')}
        onChange={(id?: number) => view.pick(view.views.find((v) => v.id === id))}
      />
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'save', label: t('views.save'), disabled: !editable },
            { key: 'saveAs', label: t('views.saveAs') },
            { key: 'edit', label: t('views.edit'), disabled: !editable },
            {
              key: 'default',
              label: current?.isDefault ? t('views.unsetDefault') : t('views.setDefault'),
              disabled: !current,
            },
            { type: 'divider' },
            { key: 'delete', label: t('views.delete'), danger: true, disabled: !editable },
          ],
          onClick: ({ key }) => actions[key]?.(current),
        }}
      >
        <Button icon={<SaveOutlined />}>
          <Space size={4}>
            {t('views.views')}
            <DownOutlined />
          </Space>
        </Button>
      </Dropdown>
      <ColumnChooser view={view} />
      <Segmented<ListDensity>
        aria-label={t('views.density')}
        value={view.density}
        onChange={(density) => view.setDensity(density)}
        options={[
          { value: 'default', label: t('views.densityDefault') },
          { value: 'compact', label: t('views.densityCompact') },
        ]}
      />
      <SaveDialog<SavedView, ViewValues>
        dialog={dialog}
        title={{ create: t('views.saveAs'), edit: t('views.edit') }}
        initialValues={{ shared: false, isDefault: false }}
        toValues={(v) => ({ name: v.name, shared: v.shared, isDefault: v.isDefault })}
        onSave={save}
        saveTestId="save-view"
      >
        <Form.Item name="name" label={t('views.name')} rules={required.text}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="shared" valuePropName="checked" extra={t('views.sharedHint')}>
          <Checkbox>{t('views.shareWithEveryone')}</Checkbox>
        </Form.Item>
        <Form.Item name="isDefault" valuePropName="checked">
          <Checkbox>{t('views.openByDefault')}</Checkbox>
        </Form.Item>
      </SaveDialog>
    </Space>
  );
}
