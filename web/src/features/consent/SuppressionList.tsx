import { type ConsentChannel, type Suppression, consentChannels } from '@relate/common';
import { Button, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../components/forms';
import { useSuppress, useSuppressions, useUnsuppress } from './queries';

type SuppressionValues = { channel: ConsentChannel; address: string; reason: string };

/**
 * The global suppression list: add an address, find one, take one off. With a channel, only that channel's
 * (the telephony page's do-not-call list is the phone channel's).
 */
export function SuppressionList({ channel }: { channel?: ConsentChannel }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const list = useSuppressions({ page, pageSize: 20, q: q || undefined, channel });
  const add = useSuppress();
  const remove = useUnsuppress();
  const [form] = Form.useForm<SuppressionValues>();
  const report = useErrorReporter(form);
  const submit = async (body: SuppressionValues) => {
    try {
      await add.mutateAsync(body);
      form.resetFields(['address', 'reason']);
    } catch (error) {
      report(error);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">
        {t(channel === 'phone' ? 'consent.doNotCallHint' : 'consent.suppressionHint')}
      </Typography.Paragraph>
      <Form<SuppressionValues>
        form={form}
        layout="inline"
        onFinish={submit}
        initialValues={{ channel: channel ?? 'sms' }}
      >
        <Form.Item name="channel" hidden={Boolean(channel)}>
          <Select
            style={{ width: 110 }}
            options={consentChannels.map((c) => ({ value: c, label: t(`consent.channels.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="address" rules={[{ required: true }]}>
          <Input placeholder={t('consent.address')} />
        </Form.Item>
        <Form.Item name="reason" rules={[{ required: true }]}>
          <Input placeholder={t('consent.reason')} />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending}>
          {t('consent.suppress')}
        </Button>
      </Form>
      <Input.Search
        allowClear
        placeholder={t('consent.address')}
        onSearch={(v) => (setQ(v), setPage(1))}
        style={{ width: 240 }}
      />
      <Table<Suppression>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('consent.channel'), dataIndex: 'channel', render: (c: string) => t(`consent.channels.${c}`) },
          { title: t('consent.address'), dataIndex: 'address' },
          { title: t('consent.reason'), dataIndex: 'reason' },
          { title: t('consent.source'), dataIndex: 'source', render: (v: string | null) => v ?? '—' },
          { title: t('sms.time'), dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          {
            key: 'actions',
            render: (_, row) => (
              <Popconfirm title={t('consent.unsuppressConfirm')} onConfirm={() => remove.mutateAsync(row.id)}>
                <Button type="link" size="small" danger>
                  {t('consent.unsuppress')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Space>
  );
}
