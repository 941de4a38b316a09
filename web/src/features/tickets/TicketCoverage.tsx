import type { TicketCoverage as Coverage } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Form, Input, InputNumber, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useErrorReporter } from '../../components/forms';
import { Allowance } from '../assets/shared';

/** Whether the ticket's asset is under warranty and which service contract covers it, with the work counted so far. */
export function TicketCoverage({ ticketId, editable }: { ticketId: number; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [recording, setRecording] = useState(false);
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const { data } = useQuery({
    queryKey: ['tickets', 'coverage', ticketId],
    queryFn: () => api.get<Coverage>(`/api/v1/tickets/${ticketId}/coverage`),
  });
  if (!data || (!data.asset && !data.serviceContract))
    return <Typography.Text type="secondary">{t('assets.noCover')}</Typography.Text>;
  const save = async (v: { visits?: number; minutes?: number; note?: string }) => {
    try {
      queryClient.setQueryData(
        ['tickets', 'coverage', ticketId],
        await api.post<Coverage>(`/api/v1/tickets/${ticketId}/usage`, {
          visits: v.visits ?? 0,
          minutes: v.minutes ?? 0,
          note: v.note || null,
        }),
      );
      setRecording(false);
      form.resetFields();
    } catch (error) {
      reportError(error);
    }
  };
  const c = data.serviceContract;
  return (
    <>
      <Descriptions size="small" column={1}>
        {data.asset && (
          <Descriptions.Item label={t('assets.fields.name')}>
            {data.asset.name}
            {data.asset.serialNumber ? ` · ${data.asset.serialNumber}` : ''}
            <Tag color={data.underWarranty ? 'green' : 'default'} style={{ marginLeft: 8 }} data-testid="warranty-tag">
              {data.underWarranty
                ? t('assets.inWarrantyUntil', { date: data.asset.warrantyEndsOn })
                : t('assets.outOfWarranty')}
            </Tag>
          </Descriptions.Item>
        )}
        {c && <Descriptions.Item label={t('assets.fields.contractName')}>{c.name}</Descriptions.Item>}
        {c && (
          <Descriptions.Item label={t('assets.fields.visitsIncluded')}>
            <Allowance used={c.visitsUsed} included={c.visitsIncluded} unit={t('assets.visitsUnit')} />
          </Descriptions.Item>
        )}
        {c && (
          <Descriptions.Item label={t('assets.fields.minutesUsed')}>
            <Allowance used={c.minutesUsed} included={c.minutesIncluded} unit={t('serviceDesk.minutes')} />
          </Descriptions.Item>
        )}
      </Descriptions>
      {c && editable && (
        <Button size="small" onClick={() => setRecording(true)} data-testid="record-usage">
          {t('assets.recordUsage')}
        </Button>
      )}
      <Modal
        open={recording}
        title={t('assets.recordUsage')}
        onCancel={() => setRecording(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="visits" label={t('assets.fields.visits')}>
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item name="minutes" label={t('assets.fields.minutes')}>
            <InputNumber min={0} max={100000} />
          </Form.Item>
          <Form.Item name="note" label={t('assets.fields.notes')}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
