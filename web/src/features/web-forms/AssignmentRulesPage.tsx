import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type AssignmentRule, assignmentMethods } from '@relate/common';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DictionarySelect, useDictionaryLabel } from '../../components/dictionaries';
import { useErrorReporter, useRequired } from '../../components/forms';
import { usePageTitle } from '../../components/usePageTitle';
import { DepartmentSelect, UserSelect, useUsers } from '../../components/users';
import {
  useAssignmentRules,
  useDefaultOwner,
  useDeleteAssignmentRule,
  useOrderAssignmentRules,
  useSaveAssignmentRule,
} from './queries';

/** The lead assignment rules in order (first match wins), each with its team and method, and the default owner. */
export function AssignmentRulesPage() {
  const { t } = useTranslation();
  usePageTitle(t('assignmentRules.title'));
  const { data } = useAssignmentRules();
  const order = useOrderAssignmentRules();
  const remove = useDeleteAssignmentRule();
  const defaultOwner = useDefaultOwner();
  const { modal } = App.useApp();
  const industry = useDictionaryLabel('industry');
  const source = useDictionaryLabel('customer_source');
  const users = useUsers();
  const userName = (id: number) => users.data?.items.find((u) => u.id === id)?.displayName ?? `#${id}`;
  const [editing, setEditing] = useState<AssignmentRule | 'new' | null>(null);
  const rules = data?.items ?? [];
  const move = (index: number, by: number) => {
    const ids = rules.map((r) => r.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    order.mutate(ids);
  };
  const conditions = (rule: AssignmentRule) => {
    const parts = [
      ...rule.provinces,
      ...rule.cities,
      ...rule.industries.map((c) => industry(c)),
      ...rule.sources.map((c) => source(c)),
      ...(rule.scoreMin != null || rule.scoreMax != null
        ? [`${t('assignmentRules.score')} ${rule.scoreMin ?? 0}–${rule.scoreMax ?? 100}`]
        : []),
    ];
    return parts.length ? parts.map((p) => <Tag key={p}>{p}</Tag>) : <Tag>{t('assignmentRules.anyLead')}</Tag>;
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('assignmentRules.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-rule">
          {t('assignmentRules.new')}
        </Button>
      </Space>
      <Typography.Text type="secondary">{t('assignmentRules.intro')}</Typography.Text>
      <Table<AssignmentRule>
        rowKey="id"
        dataSource={rules}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '#', render: (_, __, index) => index + 1 },
          {
            title: t('assignmentRules.name'),
            dataIndex: 'name',
            render: (name, r) => (r.active ? name : <Typography.Text delete>{name}</Typography.Text>),
          },
          { title: t('assignmentRules.conditions'), render: (_, rule) => conditions(rule) },
          {
            title: t('assignmentRules.team'),
            render: (_, rule) =>
              [
                ...rule.userIds.map(userName),
                ...(rule.departmentId ? [t('assignmentRules.departmentMembers')] : []),
              ].join('、'),
          },
          { title: t('assignmentRules.method'), dataIndex: 'method', render: (m) => t(`assignmentRules.methods.${m}`) },
          {
            title: '',
            render: (_, rule, index) => (
              <Space>
                <Button
                  size="small"
                  icon={<ArrowUpOutlined />}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                  aria-label={t('webForms.up')}
                />
                <Button
                  size="small"
                  icon={<ArrowDownOutlined />}
                  disabled={index === rules.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label={t('webForms.down')}
                />
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(rule)}
                  aria-label={t('common.edit')}
                />
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  onClick={() =>
                    modal.confirm({ title: t('common.deleteConfirm'), onOk: () => remove.mutateAsync(rule.id) })
                  }
                />
              </Space>
            ),
          },
        ]}
      />
      <Card size="small" title={t('assignmentRules.defaultOwner')}>
        <Space wrap>
          <UserSelect
            allowClear
            style={{ width: 240 }}
            value={data?.defaultOwnerId ?? undefined}
            onChange={(value) => defaultOwner.mutate((value as number | undefined) ?? null)}
            data-testid="default-owner"
          />
          <Typography.Text type="secondary">{t('assignmentRules.defaultOwnerHelp')}</Typography.Text>
        </Space>
      </Card>
      {editing && <RuleDialog rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

type RuleValues = Omit<AssignmentRule, 'id' | 'position'>;

function RuleDialog({ rule, onClose }: { rule: AssignmentRule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RuleValues>();
  const required = useRequired();
  const reportError = useErrorReporter(form);
  const save = useSaveAssignmentRule();
  const submit = async (values: RuleValues) => {
    try {
      await save.mutateAsync({
        id: rule?.id,
        body: {
          ...values,
          provinces: values.provinces ?? [],
          cities: values.cities ?? [],
          industries: values.industries ?? [],
          sources: values.sources ?? [],
          userIds: values.userIds ?? [],
          departmentId: values.departmentId ?? null,
          scoreMin: values.scoreMin ?? null,
          scoreMax: values.scoreMax ?? null,
        },
      });
      onClose();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Modal
      open
      title={rule ? t('assignmentRules.edit') : t('assignmentRules.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={640}
      okButtonProps={{ 'data-testid': 'rule-save' } as Record<`data-${string}`, string>}
    >
      <Form<RuleValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          rule ?? {
            active: true,
            method: 'round_robin',
            provinces: [],
            cities: [],
            industries: [],
            sources: [],
            userIds: [],
          }
        }
      >
        <Form.Item name="name" label={t('assignmentRules.name')} rules={required.text}>
          <Input maxLength={200} data-testid="rule-name" />
        </Form.Item>
        <Form.Item name="provinces" label={t('assignmentRules.provinces')}>
          <Select mode="tags" tokenSeparators={[',', '，']} open={false} />
        </Form.Item>
        <Form.Item name="cities" label={t('assignmentRules.cities')}>
          <Select mode="tags" tokenSeparators={[',', '，']} open={false} />
        </Form.Item>
        <Form.Item name="industries" label={t('assignmentRules.industries')}>
          <DictionarySelect type="industry" mode="multiple" />
        </Form.Item>
        <Form.Item name="sources" label={t('assignmentRules.sources')}>
          <DictionarySelect type="customer_source" mode="multiple" />
        </Form.Item>
        <Space>
          <Form.Item name="scoreMin" label={t('assignmentRules.scoreMin')}>
            <InputNumber min={0} max={100} precision={0} />
          </Form.Item>
          <Form.Item name="scoreMax" label={t('assignmentRules.scoreMax')}>
            <InputNumber min={0} max={100} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="userIds" label={t('assignmentRules.users')}>
          <UserSelect mode="multiple" data-testid="rule-users" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('assignmentRules.department')}>
          <DepartmentSelect allowClear />
        </Form.Item>
        <Form.Item name="method" label={t('assignmentRules.method')} rules={required.value}>
          <Select options={assignmentMethods.map((m) => ({ value: m, label: t(`assignmentRules.methods.${m}`) }))} />
        </Form.Item>
        <Form.Item name="active" label={t('assignmentRules.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
