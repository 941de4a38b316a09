import { PlusOutlined } from '@ant-design/icons';
import type { Body, Strategy, StrategyInput } from '@relate/common';
import { Button, Form, Input, Space, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { emptyToNull, useRequired } from '../../components/forms';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { useDeleteStrategy, useSaveStrategy, useStrategies } from './queries';
import { DeleteButton } from '../../components/DeleteButton';

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
        <Button
          type="primary"
          icon={<PlusOutlined />}
          style={{ marginBottom: 16 }}
          onClick={dialog.openNew}
          data-testid="strategy-new"
        >
          {t('strategies.new')}
        </Button>
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
              <Space>
                {v}
                {!s.active && <Tag>{t('serviceDesk.inactive')}</Tag>}
              </Space>
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
                {
                  key: 'actions',
                  render: (_: unknown, s: Strategy) => (
                    <Space>
                      <Button size="small" onClick={() => dialog.openEdit(s)}>
                        {t('common.edit')}
                      </Button>
                      <DeleteButton onConfirm={() => deleteStrategy.mutateAsync(s.id)} />
                    </Space>
                  ),
                },
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
