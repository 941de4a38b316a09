import { PlusOutlined } from '@ant-design/icons';
import { type Strategy } from '@relate/common';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Popconfirm, Space, Switch, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useSession } from '../../app/session';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { emptyToNull, useErrorReporter } from '../../components/forms';
import { useStrategies } from './strategies-query';

export function StrategiesTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const { data = [], isFetching } = useStrategies();
  const [editing, setEditing] = useState<Strategy | null | undefined>(undefined);
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  useEffect(() => {
    if (editing === undefined) return;
    form.resetFields();
    form.setFieldsValue(editing ?? { active: true, customerLevels: [] });
  }, [editing, form]);
  const save = async (v: Record<string, unknown>) => {
    try {
      if (editing) await api.put(`/api/v1/service-strategies/${editing.id}`, emptyToNull(v));
      else await api.post('/api/v1/service-strategies', emptyToNull(v));
      void queryClient.invalidateQueries({ queryKey: ['strategies'] });
      setEditing(undefined);
    } catch (error) {
      reportError(error);
    }
  };
  const manage = can('strategies.manage');
  return (
    <>
      {manage && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          style={{ marginBottom: 16 }}
          onClick={() => setEditing(null)}
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
                      <Button size="small" onClick={() => setEditing(s)}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('common.deleteConfirm')}
                        onConfirm={() =>
                          api
                            .delete(`/api/v1/service-strategies/${s.id}`)
                            .then(() => queryClient.invalidateQueries({ queryKey: ['strategies'] }))
                        }
                      >
                        <Button size="small" danger>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== undefined}
        title={editing ? t('strategies.edit') : t('strategies.new')}
        onCancel={() => setEditing(undefined)}
        onOk={() => form.submit()}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'strategy-save' } as Record<string, string>}
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="name"
            label={t('strategies.fields.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
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
        </Form>
      </Modal>
    </>
  );
}
