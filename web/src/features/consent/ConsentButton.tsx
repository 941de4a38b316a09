import { SafetyCertificateOutlined } from '@ant-design/icons';
import { type ContactConsent, consentChannels } from '@relate/common';
import { Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useErrorReporter } from '../../components/forms';
import type { ConsentRecord } from './api';
import { useRecordConsents, useSetConsent } from './queries';

/**
 * A contact's, lead's or customer's consent per channel (state, source, time, who) and, for those who may edit
 * the record, its change.
 */
export function ConsentButton({ record, name }: { record: ConsentRecord; name: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        type="link"
        icon={<SafetyCertificateOutlined />}
        onClick={() => setOpen(true)}
        data-testid="consent-open"
      >
        {t('consent.title')}
      </Button>
      {open && (
        <Modal open footer={null} width={720} title={`${t('consent.title')} · ${name}`} onCancel={() => setOpen(false)}>
          <ConsentPanel record={record} />
        </Modal>
      )}
    </>
  );
}

type Values = { channel: ContactConsent['channel']; state: 'granted' | 'withdrawn'; source: string };

export function ConsentPanel({ record }: { record: ConsentRecord }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const consents = useRecordConsents(record);
  const save = useSetConsent(record);
  const [form] = Form.useForm<Values>();
  const report = useErrorReporter(form);
  const submit = async (body: Values) => {
    try {
      await save.mutateAsync(body);
      form.resetFields(['source']);
    } catch (error) {
      report(error);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table<ContactConsent>
        rowKey="channel"
        size="small"
        pagination={false}
        loading={consents.isLoading}
        dataSource={consents.data?.items ?? []}
        data-testid="consent-table"
        columns={[
          { title: t('consent.channel'), dataIndex: 'channel', render: (c: string) => t(`consent.channels.${c}`) },
          {
            title: t('consent.state'),
            dataIndex: 'state',
            render: (state: ContactConsent['state'], row) => (
              <Space size={4}>
                <Tag color={state === 'granted' ? 'green' : state === 'withdrawn' ? 'red' : 'default'}>
                  {t(`consent.states.${state ?? 'unknown'}`)}
                </Tag>
                {row.suppressed && <Tag color="volcano">{t('consent.suppressed')}</Tag>}
              </Space>
            ),
          },
          { title: t('consent.source'), dataIndex: 'source', render: (v: string | null) => v ?? '—' },
          {
            title: t('consent.at'),
            dataIndex: 'at',
            render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
          },
          { title: t('consent.by'), dataIndex: 'userName', render: (v: string | null) => v ?? '—' },
        ]}
      />
      {can(`${record.entity}.edit`) && (
        <Form<Values>
          form={form}
          layout="inline"
          onFinish={submit}
          initialValues={{ channel: 'sms', state: 'granted' }}
        >
          <Form.Item name="channel" rules={[{ required: true }]}>
            <Select
              style={{ width: 110 }}
              options={consentChannels.map((c) => ({ value: c, label: t(`consent.channels.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="state" rules={[{ required: true }]}>
            <Select
              style={{ width: 110 }}
              options={(['granted', 'withdrawn'] as const).map((s) => ({ value: s, label: t(`consent.states.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="source" rules={[{ required: true }]}>
            <Input placeholder={t('consent.sourcePlaceholder')} maxLength={100} />
          </Form.Item>
          <Button htmlType="submit" type="primary" loading={save.isPending}>
            {t('consent.record')}
          </Button>
        </Form>
      )}
    </Space>
  );
}
