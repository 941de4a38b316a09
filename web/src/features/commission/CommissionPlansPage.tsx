import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { type Body, type CommissionPlan, type CommissionPlanInput, commissionBases } from '@relate/common';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { ActiveName } from '../../components/ActiveName';
import { DictionarySelect, useDictionaryLabel } from '../../components/dictionaries';
import { editDeleteColumn } from '../../components/EditDeleteActions';
import { dateValue, useRequired } from '../../components/forms';
import { useMoney } from '../../components/money';
import { NewButton } from '../../components/NewButton';
import { SaveDrawer } from '../../components/SaveDrawer';
import { usePageTitle } from '../../components/usePageTitle';
import { UserSelect } from '../../components/users';
import { useRoles } from '../admin/queries';
import { categoryTree, useProductCategories } from '../products/queries';
import { useCommissionPlans, useDeleteCommissionPlan, useSaveCommissionPlan } from './queries';

type PlanValues = Omit<Body<typeof CommissionPlanInput>, 'startDate' | 'endDate'> & {
  startDate: dayjs.Dayjs;
  endDate?: dayjs.Dayjs | null;
};

function PlanForm({ plan, open, onClose }: { plan?: CommissionPlan; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const required = useRequired();
  const [form] = Form.useForm<PlanValues>();
  const savePlan = useSaveCommissionPlan();
  const categories = useProductCategories();
  const { can } = useSession();
  const roles = useRoles({ enabled: can('roles.view') });
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      plan
        ? {
            ...plan,
            startDate: dayjs(plan.startDate),
            endDate: plan.endDate ? dayjs(plan.endDate) : null,
            userIds: plan.users.map((u) => u.id),
            roleIds: plan.roles.map((r) => r.id),
          }
        : {
            basis: 'received',
            active: true,
            startDate: dayjs().startOf('month'),
            rates: [{ rate: '' }],
            tiers: [],
            userIds: [],
            roleIds: [],
          },
    );
  }, [open, plan, form]);
  const save = (values: PlanValues) =>
    savePlan.mutateAsync({
      id: plan?.id,
      body: {
        ...values,
        startDate: dateValue(values.startDate)!,
        endDate: dateValue(values.endDate),
        cap: values.cap || null,
        rates: (values.rates ?? []).map((r) => ({
          categoryId: r.categoryId ?? null,
          customerLevel: r.customerLevel ?? null,
          rate: r.rate,
        })),
        tiers: values.tiers ?? [],
        userIds: values.userIds ?? [],
        roleIds: values.roleIds ?? [],
      },
    });
  return (
    <SaveDrawer
      form={form}
      title={plan ? t('commission.plans.edit') : t('commission.plans.new')}
      open={open}
      onClose={onClose}
      onSave={save}
      saving={savePlan.isPending}
      saveTestId="commission-plan-save"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('commission.plans.fields.name')} rules={required.text}>
            <Input maxLength={100} autoFocus data-testid="commission-plan-name" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="basis" label={t('commission.plans.fields.basis')} extra={t('commission.plans.basisHint')}>
            <Select
              data-testid="commission-plan-basis"
              options={commissionBases.map((b) => ({ value: b, label: t(`commission.bases.${b}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="active" label={t('commission.plans.fields.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="startDate" label={t('commission.plans.fields.startDate')} rules={required.value}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="endDate" label={t('commission.plans.fields.endDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="cap" label={t('commission.plans.fields.cap')} extra={t('commission.plans.capHint')}>
            <Input inputMode="decimal" allowClear data-testid="commission-plan-cap" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('commission.plans.rates')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('commission.plans.ratesHint')}</Typography.Paragraph>
      <Form.List name="rates">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap style={{ display: 'flex' }}>
                <Form.Item name={[field.name, 'categoryId']}>
                  <TreeSelect
                    allowClear
                    treeDefaultExpandAll
                    style={{ width: 200 }}
                    placeholder={t('commission.plans.anyCategory')}
                    treeData={categoryTree(categories.data ?? [])}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'customerLevel']}>
                  <DictionarySelect
                    type="customer_level"
                    style={{ width: 160 }}
                    placeholder={t('commission.plans.anyLevel')}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'rate']} rules={required.text}>
                  <Input
                    style={{ width: 120 }}
                    inputMode="decimal"
                    suffix="%"
                    aria-label={t('commission.plans.fields.rate')}
                    data-testid="commission-rate"
                  />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ rate: '' })}>
              {t('commission.plans.addRate')}
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('commission.plans.tiers')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('commission.plans.tiersHint')}</Typography.Paragraph>
      <Form.List name="tiers">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap style={{ display: 'flex' }}>
                <Form.Item name={[field.name, 'fromPercent']} rules={required.text}>
                  <Input
                    style={{ width: 160 }}
                    inputMode="decimal"
                    prefix="≥"
                    suffix="%"
                    aria-label={t('commission.plans.fields.fromPercent')}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'multiplier']} rules={required.text}>
                  <Input
                    style={{ width: 140 }}
                    inputMode="decimal"
                    prefix="×"
                    aria-label={t('commission.plans.fields.multiplier')}
                  />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
              </Space>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ fromPercent: fields.length ? '' : '0', multiplier: '1' })}
            >
              {t('commission.plans.addTier')}
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('commission.plans.assignedTo')}
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="userIds" label={t('commission.plans.fields.users')}>
            <UserSelect mode="multiple" data-testid="commission-plan-users" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="roleIds" label={t('commission.plans.fields.roles')}>
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            />
          </Form.Item>
        </Col>
      </Row>
    </SaveDrawer>
  );
}

/** 提成方案: who earns what rate of what they sell, by product category and customer level, with tiers and a cap. */
export function CommissionPlansPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.commissionPlans'));
  const { message } = App.useApp();
  const money = useMoney();
  const level = useDictionaryLabel('customer_level');
  const [page, setPage] = useState(1);
  const { data, isFetching } = useCommissionPlans({ page, pageSize: 20 });
  const deletePlan = useDeleteCommissionPlan();
  const [editing, setEditing] = useState<CommissionPlan | 'new' | null>(null);
  const remove = async (plan: CommissionPlan) => {
    try {
      await deletePlan.mutateAsync(plan.id);
      message.success(plan.statements ? t('commission.plans.switchedOff') : t('common.deleted'));
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  const rateLabel = (r: CommissionPlan['rates'][number]) =>
    [r.categoryName, level(r.customerLevel)].filter(Boolean).join(' · ') || t('commission.plans.defaultRate');
  return (
    <Card
      title={t('nav.commissionPlans')}
      extra={
        <NewButton onClick={() => setEditing('new')} data-testid="commission-plan-new">
          {t('commission.plans.new')}
        </NewButton>
      }
    >
      <Table<CommissionPlan>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('commission.plans.empty') }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          {
            title: t('commission.plans.fields.name'),
            dataIndex: 'name',
            render: (v: string, p) => (
              <ActiveName name={v} active={p.active} inactiveLabel={t('commission.plans.inactive')} />
            ),
          },
          {
            title: t('commission.plans.fields.basis'),
            dataIndex: 'basis',
            render: (v: CommissionPlan['basis']) => t(`commission.bases.${v}`),
          },
          {
            title: t('commission.plans.fields.period'),
            key: 'period',
            render: (_, p) => `${p.startDate} ~ ${p.endDate ?? ''}`,
          },
          {
            title: t('commission.plans.rates'),
            key: 'rates',
            render: (_, p) => (
              <Space wrap size={4}>
                {p.rates.map((r) => (
                  <Tag key={`${r.categoryId}-${r.customerLevel}`}>
                    {rateLabel(r)} {r.rate}%
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('commission.plans.tiers'),
            key: 'tiers',
            render: (_, p) =>
              p.tiers.length
                ? p.tiers.map((tier) => `≥${tier.fromPercent}% ×${tier.multiplier}`).join(' · ')
                : t('commission.plans.noTiers'),
          },
          {
            title: t('commission.plans.fields.cap'),
            dataIndex: 'cap',
            align: 'right',
            render: (v: string | null, p) => (v ? money(v, p.currency) : t('commission.plans.noCap')),
          },
          {
            title: t('commission.plans.assignedTo'),
            key: 'assigned',
            render: (_, p) => (
              <Space wrap size={4}>
                {p.users.map((u) => (
                  <Tag key={`u${u.id}`}>{u.name}</Tag>
                ))}
                {p.roles.map((r) => (
                  <Tag key={`r${r.id}`} color="blue">
                    {r.name}
                  </Tag>
                ))}
              </Space>
            ),
          },
          editDeleteColumn<CommissionPlan>({ onEdit: setEditing, onDelete: remove, type: 'link' }),
        ]}
      />
      <PlanForm
        plan={editing === 'new' ? undefined : (editing ?? undefined)}
        open={editing !== null}
        onClose={() => setEditing(null)}
      />
    </Card>
  );
}
