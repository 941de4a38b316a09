import { PlusOutlined } from '@ant-design/icons';
import type { DictionaryOption, DictionaryType } from '@relate/common';
import { dictionaryTypes } from '@relate/common';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ColorPicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { dictionaryKeys, useDictionary } from '../../components/dictionaries';
import { useErrorReporter } from '../../components/forms';

export function DictionariesPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [type, setType] = useState<DictionaryType>('customer_level');
  const { data = [], isLoading } = useDictionary(type);
  const [editing, setEditing] = useState<Partial<DictionaryOption> | null>(null);
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: dictionaryKeys.options(type) });

  const save = async (values: Record<string, unknown>) => {
    const color =
      values.color && typeof values.color === 'object'
        ? (values.color as { toHexString: () => string }).toHexString()
        : values.color;
    const body: Record<string, unknown> = { ...values, color: color || null };
    try {
      if (editing?.id) {
        const { code: _code, ...patch } = body;
        await api.patch(`/api/v1/dictionaries/${type}/options/${editing.id}`, patch);
      } else await api.post(`/api/v1/dictionaries/${type}/options`, body);
      setEditing(null);
      refresh();
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.dictionaries')}
        </Typography.Title>
        <Space wrap>
          <Select
            value={type}
            onChange={setType}
            style={{ width: 220 }}
            options={dictionaryTypes.map((d) => ({ value: d, label: t(`dictionaries.types.${d}`) }))}
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => (
              setEditing({}),
              form.setFieldsValue({
                code: '',
                labelZh: '',
                labelEn: '',
                sortOrder: (data.length + 1) * 10,
                enabled: true,
                color: null,
              })
            )}
          >
            {t('dictionaries.newOption')}
          </Button>
        </Space>
      </div>
      <Table<DictionaryOption>
        rowKey="id"
        loading={isLoading}
        dataSource={data}
        pagination={false}
        columns={[
          { title: t('dictionaries.code'), dataIndex: 'code' },
          {
            title: t('dictionaries.labelZh'),
            dataIndex: 'labelZh',
            render: (label, row) => <Tag color={row.color ?? undefined}>{label}</Tag>,
          },
          { title: t('dictionaries.labelEn'), dataIndex: 'labelEn' },
          { title: t('common.sortOrder'), dataIndex: 'sortOrder' },
          {
            title: t('dictionaries.enabled'),
            dataIndex: 'enabled',
            render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
          },
          {
            title: '',
            render: (_, row) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => (setEditing(row), form.setFieldsValue(row))}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('common.deleteConfirm')}
                  onConfirm={() => api.delete(`/api/v1/dictionaries/${type}/options/${row.id}`).then(refresh)}
                >
                  <Button type="link" size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={editing?.id ? t('common.edit') : t('dictionaries.newOption')}
        open={Boolean(editing)}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="code"
            label={t('dictionaries.code')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input disabled={Boolean(editing?.id)} />
          </Form.Item>
          <Form.Item
            name="labelZh"
            label={t('dictionaries.labelZh')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="labelEn"
            label={t('dictionaries.labelEn')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input />
          </Form.Item>
          <Space>
            <Form.Item name="sortOrder" label={t('common.sortOrder')}>
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="color" label={t('dictionaries.color')}>
              <ColorPicker allowClear format="hex" />
            </Form.Item>
            <Form.Item name="enabled" label={t('dictionaries.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Space>
  );
}
