import { type Plan, planStatuses } from '@relate/common';
import { Button, Col, DatePicker, Form, Input, List, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { CustomerPicker } from '../../components/CustomerPicker';
import { DictionaryTag } from '../../components/dictionaries';
import { emptyToNull, useRequired } from '../../components/forms';
import { NewButton } from '../../components/NewButton';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { useAddPlanNote, usePlans, useSavePlan, useStrategies } from './queries';

type PlanValues = Omit<Plan, 'period'> & { period: dayjs.Dayjs[]; strategyIds: number[] };

export function PlansTab() {
  const { t } = useTranslation();
  const required = useRequired();
  const { can } = useSession();
  const strategies = useStrategies();
  const [page, setPage] = useState(1);
  const { data, isFetching } = usePlans({ page, pageSize: 20 });
  const savePlan = useSavePlan();
  const addNote = useAddPlanNote();
  const dialog = useSaveDialog<Plan>();
  const noteDialog = useSaveDialog<Plan>();
  const save = (v: PlanValues, plan: Plan | null) => {
    const [start, end] = v.period;
    const body = emptyToNull({
      customerId: v.customerId,
      title: v.title,
      strategyIds: v.strategyIds,
      status: v.status,
      description: v.description,
      startsOn: start.format('YYYY-MM-DD'),
      endsOn: end.format('YYYY-MM-DD'),
    });
    return savePlan.mutateAsync({ id: plan?.id, body });
  };
  const manage = can('strategies.manage');
  return (
    <>
      {manage && (
        <NewButton style={{ marginBottom: 16 }} onClick={dialog.openNew} data-testid="plan-new">
          {t('strategies.newPlan')}
        </NewButton>
      )}
      <Table<Plan>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('strategies.noPlans') }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('strategies.fields.title'), dataIndex: 'title' },
          {
            title: t('strategies.fields.customer'),
            dataIndex: 'customerName',
            render: (v: string, p) => (
              <Space>
                <Link to={`/customers/${p.customerId}`}>{v}</Link>
                <DictionaryTag type="customer_level" code={p.customerLevel} />
              </Space>
            ),
          },
          {
            title: t('strategies.fields.strategies'),
            key: 's',
            render: (_, p) => (
              <Space wrap>
                {p.strategies.map((s) => (
                  <Tag key={s.id}>{s.name}</Tag>
                ))}
              </Space>
            ),
          },
          { title: t('strategies.fields.period'), key: 'period', render: (_, p) => `${p.startsOn} ~ ${p.endsOn}` },
          {
            title: t('strategies.fields.status'),
            dataIndex: 'status',
            render: (s: Plan['status']) => t(`strategies.planStatuses.${s}`),
          },
          { title: t('strategies.fields.owner'), dataIndex: 'ownerName' },
          { title: t('strategies.fields.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
          ...(manage
            ? [
                {
                  key: 'actions',
                  render: (_: unknown, p: Plan) => (
                    <Space>
                      <Button size="small" onClick={() => dialog.openEdit(p)}>
                        {t('common.edit')}
                      </Button>
                      <Button size="small" onClick={() => noteDialog.openEdit(p)}>
                        {t('strategies.addNote')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <SaveDialog
        dialog={dialog}
        title={{ create: t('strategies.newPlan'), edit: t('strategies.editPlan') }}
        toValues={(plan) => ({
          ...plan,
          strategyIds: plan.strategies.map((s) => s.id),
          period: [dayjs(plan.startsOn), dayjs(plan.endsOn)],
        })}
        initialValues={{
          status: 'planned',
          period: [dayjs().startOf('month'), dayjs().add(1, 'year').startOf('month').subtract(1, 'day')],
        }}
        onSave={save}
        width={680}
        saveTestId="plan-save"
      >
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="title" label={t('strategies.fields.title')} rules={required.text}>
              <Input maxLength={200} data-testid="plan-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="customerId" label={t('strategies.fields.customer')} rules={required.value}>
              <CustomerPicker
                initial={dialog.record ? { id: dialog.record.customerId, name: dialog.record.customerName } : undefined}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="period" label={t('strategies.fields.period')} rules={required.value}>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="strategyIds" label={t('strategies.fields.strategies')} extra={t('strategies.defaultHint')}>
              <Select
                mode="multiple"
                allowClear
                options={(strategies.data ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="status" label={t('strategies.fields.status')}>
              <Select options={planStatuses.map((s) => ({ value: s, label: t(`strategies.planStatuses.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('strategies.fields.description')}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </Col>
        </Row>
      </SaveDialog>
      <SaveDialog
        dialog={noteDialog}
        title={t('strategies.addNote')}
        toValues={() => ({})}
        onSave={(v: { body: string }, plan) => addNote.mutateAsync({ id: plan!.id, body: v.body })}
      >
        {noteDialog.record && (
          <List
            size="small"
            dataSource={noteDialog.record.notes}
            renderItem={(n) => (
              <List.Item>
                {n.body} <Typography.Text type="secondary">· {n.authorName}</Typography.Text>
              </List.Item>
            )}
          />
        )}
        <Form.Item name="body" rules={required.text}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </SaveDialog>
    </>
  );
}
