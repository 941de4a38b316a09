import { DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type ApprovalFlow,
  type ApprovalFlowInput,
  approvableTypes,
  approvalFacts,
  type Body,
  type Role,
} from '@relate/common';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import { ActiveName } from '../../components/ActiveName';
import { useRequired } from '../../components/forms';
import { NewButton } from '../../components/NewButton';
import { SaveDrawer } from '../../components/SaveDrawer';
import { UserSelect } from '../../components/users';
import { useRoles } from '../admin/queries';
import { useApprovalFlows, useDeleteApprovalFlow, useSaveApprovalFlow } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

type FlowValues = Body<typeof ApprovalFlowInput>;

function FlowForm({
  flow,
  open,
  onClose,
  roles,
}: {
  flow?: ApprovalFlow;
  open: boolean;
  onClose: () => void;
  roles: Role[];
}) {
  const { t } = useTranslation();
  const required = useRequired();
  const [form] = Form.useForm<FlowValues>();
  const saveFlow = useSaveApprovalFlow();
  const documentType: ApprovalFlow['documentType'] = Form.useWatch('documentType', form) ?? 'quote';
  const steps: Array<{ approverType?: string }> = Form.useWatch('steps', form) ?? [];
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      flow ?? {
        documentType: 'quote',
        active: true,
        priority: 100,
        conditions: [],
        steps: [{ name: '', approverType: 'department_manager', mode: 'any' }],
      },
    );
  }, [open, flow, form]);
  return (
    <SaveDrawer
      form={form}
      title={flow ? t('approvalFlows.edit') : t('approvalFlows.new')}
      open={open}
      onClose={onClose}
      onSave={(values) => saveFlow.mutateAsync({ id: flow?.id, body: values })}
      saving={saveFlow.isPending}
      saveTestId="flow-save"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('approvalFlows.fields.name')} rules={required.text}>
            <Input maxLength={100} autoFocus />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="documentType" label={t('approvalFlows.fields.documentType')}>
            <Select options={approvableTypes.map((d) => ({ value: d, label: t(`approvals.types.${d}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={6} md={3}>
          <Form.Item name="priority" label={t('approvalFlows.fields.priority')}>
            <InputNumber min={0} max={10000} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={6} md={3}>
          <Form.Item name="active" label={t('approvalFlows.fields.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('approvalFlows.conditions')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('approvalFlows.conditionsHint')}</Typography.Paragraph>
      <Form.List name="conditions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item name={[field.name, 'fact']} rules={required.value}>
                  <Select
                    style={{ width: 160 }}
                    options={approvalFacts[documentType].map((f) => ({
                      value: f,
                      label: t(`approvalFlows.facts.${f}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'op']} initialValue=">">
                  <Select style={{ width: 70 }} options={['>', '>=', '<', '<='].map((o) => ({ value: o, label: o }))} />
                </Form.Item>
                <Form.Item name={[field.name, 'value']} rules={required.value}>
                  <Input style={{ width: 140 }} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ op: '>' })}>
              {t('approvalFlows.addCondition')}
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('approvalFlows.steps')}
      </Typography.Title>
      <Form.List name="steps">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 8 }}
                title={`${i + 1}`}
                extra={
                  fields.length > 1 && (
                    <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                  )
                }
              >
                <Row gutter={8}>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('approvalFlows.fields.stepName')}
                      rules={required.text}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'approverType']} label={t('approvalFlows.fields.approverType')}>
                      <Select
                        options={(['department_manager', 'role', 'user'] as const).map((a) => ({
                          value: a,
                          label: t(`approvalFlows.approverTypes.${a}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    {steps[i]?.approverType === 'role' && (
                      <Form.Item
                        name={[field.name, 'roleId']}
                        label={t('approvalFlows.approverTypes.role')}
                        rules={required.value}
                      >
                        <Select options={roles.map((r) => ({ value: r.id, label: r.name }))} />
                      </Form.Item>
                    )}
                    {steps[i]?.approverType === 'user' && (
                      <Form.Item
                        name={[field.name, 'userId']}
                        label={t('approvalFlows.approverTypes.user')}
                        rules={required.value}
                      >
                        <UserSelect />
                      </Form.Item>
                    )}
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'mode']} label={t('approvalFlows.fields.mode')} initialValue="any">
                      <Select
                        options={(['any', 'all'] as const).map((m) => ({
                          value: m,
                          label: t(`approvalFlows.modes.${m}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ approverType: 'department_manager', mode: 'any' })}
            >
              {t('approvalFlows.addStep')}
            </Button>
          </>
        )}
      </Form.List>
    </SaveDrawer>
  );
}

/** 审批流程: which documents need whose approval, in which order. */
export function ApprovalFlowsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.approvalFlows'));
  const { message } = App.useApp();
  const flows = useApprovalFlows();
  const roles = useRoles();
  const deleteFlow = useDeleteApprovalFlow();
  const [editing, setEditing] = useState<ApprovalFlow | 'new' | null>(null);
  const remove = async (id: number) => {
    try {
      await deleteFlow.mutateAsync(id);
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  return (
    <Card
      title={t('nav.approvalFlows')}
      extra={
        <NewButton onClick={() => setEditing('new')} data-testid="new-flow">
          {t('approvalFlows.new')}
        </NewButton>
      }
    >
      <Table<ApprovalFlow>
        rowKey="id"
        size="middle"
        loading={flows.isLoading}
        dataSource={flows.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('approvalFlows.empty')} /> }}
        columns={[
          {
            title: t('approvalFlows.fields.name'),
            dataIndex: 'name',
            render: (v: string, f) => (
              <ActiveName name={v} active={f.active} inactiveLabel={t('approvalFlows.inactive')} />
            ),
          },
          {
            title: t('approvalFlows.fields.documentType'),
            dataIndex: 'documentType',
            render: (v: string) => t(`approvals.types.${v}`),
          },
          {
            title: t('approvalFlows.conditions'),
            dataIndex: 'conditions',
            render: (cs: ApprovalFlow['conditions']) =>
              cs.length
                ? cs.map((c) => `${t(`approvalFlows.facts.${c.fact}`)} ${c.op} ${c.value}`).join('，')
                : t('approvalFlows.always'),
          },
          {
            title: t('approvalFlows.steps'),
            dataIndex: 'steps',
            render: (ss: ApprovalFlow['steps']) => ss.map((s) => s.name).join(' → '),
          },
          { title: t('approvalFlows.fields.priority'), dataIndex: 'priority', align: 'right' },
          {
            key: 'actions',
            render: (_, f) => (
              <Space size={0}>
                <Button
                  type="text"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('common.edit')}
                  onClick={() => setEditing(f)}
                />
                <Popconfirm title={t('common.deleteConfirm')} onConfirm={() => void remove(f.id)}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <FlowForm
        open={editing !== null}
        flow={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
        roles={roles.data ?? []}
      />
    </Card>
  );
}
