import { type Body, type SlaPolicy, type SlaPolicyInput, ticketPriorities } from '@relate/common';
import { Form, Input, InputNumber, Select, Space, Switch, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { emptyToNull, useRequired } from '../../components/forms';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { ActiveName } from '../../components/ActiveName';
import { editDeleteColumn } from '../../components/EditDeleteActions';
import { NewButton } from '../../components/NewButton';
import { useDeleteSlaPolicy, useSaveSlaPolicy, useSlaPolicies } from './queries';

export function SlaPoliciesTab() {
  const { t } = useTranslation();
  const required = useRequired();
  const { data = [], isFetching } = useSlaPolicies();
  const savePolicy = useSaveSlaPolicy();
  const deletePolicy = useDeleteSlaPolicy();
  const dialog = useSaveDialog<SlaPolicy>();
  const hours = (minutes: number) => t('serviceDesk.workingHours', { count: Math.round((minutes / 60) * 10) / 10 });
  return (
    <>
      <NewButton style={{ marginBottom: 16 }} onClick={dialog.openNew} data-testid="sla-new">
        {t('serviceDesk.newPolicy')}
      </NewButton>
      <Table<SlaPolicy>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data}
        pagination={false}
        locale={{ emptyText: t('serviceDesk.noPolicies') }}
        columns={[
          {
            title: t('serviceDesk.fields.name'),
            dataIndex: 'name',
            render: (v: string, p) => (
              <ActiveName name={v} active={p.active} inactiveLabel={t('serviceDesk.inactive')} />
            ),
          },
          {
            title: t('tickets.fields.type'),
            dataIndex: 'ticketType',
            render: (v: string | null) => (v ? <DictionaryTag type="ticket_type" code={v} /> : t('serviceDesk.any')),
          },
          {
            title: t('tickets.fields.priority'),
            dataIndex: 'priority',
            render: (v: string | null) => (v ? t(`tickets.priorities.${v}`) : t('serviceDesk.any')),
          },
          {
            title: t('serviceDesk.fields.customerLevel'),
            dataIndex: 'customerLevel',
            render: (v: string | null) => (v ? <DictionaryTag type="customer_level" code={v} /> : t('serviceDesk.any')),
          },
          { title: t('tickets.sla.firstResponse'), dataIndex: 'firstResponseMinutes', render: hours },
          { title: t('tickets.sla.resolution'), dataIndex: 'resolutionMinutes', render: hours },
          editDeleteColumn<SlaPolicy>({ onEdit: dialog.openEdit, onDelete: (p) => deletePolicy.mutateAsync(p.id) }),
        ]}
      />
      <SaveDialog
        dialog={dialog}
        title={t('serviceDesk.policy')}
        initialValues={{ firstResponseMinutes: 240, resolutionMinutes: 1620, active: true }}
        onSave={(values: Body<typeof SlaPolicyInput>, policy) =>
          savePolicy.mutateAsync({ id: policy?.id, body: emptyToNull(values) })
        }
        width={640}
        saveTestId="row-save"
      >
        <Form.Item name="name" label={t('serviceDesk.fields.name')} rules={required.text}>
          <Input maxLength={100} data-testid="sla-name" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="ticketType" label={t('tickets.fields.type')}>
            <DictionarySelect type="ticket_type" allowClear placeholder={t('serviceDesk.any')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="priority" label={t('tickets.fields.priority')}>
            <Select
              allowClear
              placeholder={t('serviceDesk.any')}
              style={{ width: 140 }}
              options={ticketPriorities.map((p) => ({ value: p, label: t(`tickets.priorities.${p}`) }))}
            />
          </Form.Item>
          <Form.Item name="customerLevel" label={t('serviceDesk.fields.customerLevel')}>
            <DictionarySelect
              type="customer_level"
              allowClear
              placeholder={t('serviceDesk.any')}
              style={{ width: 160 }}
            />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item
            name="firstResponseMinutes"
            label={t('serviceDesk.fields.firstResponseMinutes')}
            rules={required.value}
          >
            <InputNumber min={1} max={100000} addonAfter={t('serviceDesk.minutes')} data-testid="sla-response" />
          </Form.Item>
          <Form.Item name="resolutionMinutes" label={t('serviceDesk.fields.resolutionMinutes')} rules={required.value}>
            <InputNumber min={1} max={1000000} addonAfter={t('serviceDesk.minutes')} />
          </Form.Item>
          <Form.Item name="active" label={t('serviceDesk.fields.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </SaveDialog>
    </>
  );
}
