import type { Body, Strategy, StrategyInput } from '@relate/common';
import { Form, Input, Space, Switch, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { emptyToNull, useRequired } from '../../components/forms';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { ActiveName } from '../../components/ActiveName';
import { editDeleteColumn } from '../../components/EditDeleteActions';
import { NewButton } from '../../components/NewButton';
import { useDeleteStrategy, useSaveStrategy, useStrategies } from './queries';

export function StrategiesTab() {
  const { t } = useTranslation();
  const required = useRequired();
  const { can } = useSession();
  const { data = [], isFetching } = useStrategies();
  const saveStrategy = useSaveStrategy();
  const deleteStrategy = useDeleteStrategy();
  const dialog = useSaveDialog<Strategy>();
  const manage = can('strategies.manage');
  return (
    <>
      {manage && (
        <NewButton style={{ marginBottom: 16 }} onClick={dialog.openNew} data-testid="strategy-new">
          {t('strategies.new')}
        </NewButton>
      )}
      <Table<Strategy>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data}
        pagination={false}
        locale={{ emptyText: t('strategies.empty') }}
        columns={[
          {
            title: t('strategies.fields.name'),
            dataIndex: 'name',
            render: (v: string, s) => (
              <ActiveName name={v} active={s.active} inactiveLabel={t('serviceDesk.inactive')} />
            ),
          },
          { title: t('strategies.fields.description'), dataIndex: 'description', ellipsis: true },
          {
            title: t('strategies.fields.customerLevels'),
            dataIndex: 'customerLevels',
            render: (levels: string[]) => (
              <Space>
                {levels.map((l) => (
                  <DictionaryTag key={l} type="customer_level" code={l} />
                ))}
              </Space>
            ),
          },
          ...(manage
            ? [
                editDeleteColumn<Strategy>({
                  onEdit: dialog.openEdit,
                  onDelete: (s) => deleteStrategy.mutateAsync(s.id),
                }),
              ]
            : []),
        ]}
      />
      <SaveDialog
        dialog={dialog}
        title={{ create: t('strategies.new'), edit: t('strategies.edit') }}
        initialValues={{ active: true, customerLevels: [] }}
        onSave={(values: Body<typeof StrategyInput>, record) =>
          saveStrategy.mutateAsync({ id: record?.id, body: emptyToNull(values) })
        }
        saveTestId="strategy-save"
      >
        <Form.Item name="name" label={t('strategies.fields.name')} rules={required.text}>
          <Input maxLength={100} data-testid="strategy-name" />
        </Form.Item>
        <Form.Item name="description" label={t('strategies.fields.description')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item
          name="customerLevels"
          label={t('strategies.fields.customerLevels')}
          extra={t('strategies.levelsHint')}
        >
          <DictionarySelect type="customer_level" mode="multiple" />
        </Form.Item>
        <Form.Item name="active" label={t('serviceDesk.fields.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </SaveDialog>
    </>
  );
}
