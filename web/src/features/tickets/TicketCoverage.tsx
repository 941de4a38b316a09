import { Button, Descriptions, Form, Input, InputNumber, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { Allowance } from '../assets/shared';
import { useRecordUsage, useTicketCoverage } from './queries';

type UsageValues = { visits?: number; minutes?: number; note?: string };

/** Whether the ticket's asset is under warranty and which service contract covers it, with the work counted so far. */
export function TicketCoverage({ ticketId, editable }: { ticketId: number; editable: boolean }) {
  const { t } = useTranslation();
  const { data } = useTicketCoverage(ticketId);
  const recordUsage = useRecordUsage();
  const dialog = useSaveDialog<never>();
  if (!data || (!data.asset && !data.serviceContract))
    return <Typography.Text type="secondary">{t('assets.noCover')}</Typography.Text>;
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
        <Button size="small" onClick={dialog.openNew} data-testid="record-usage">
          {t('assets.recordUsage')}
        </Button>
      )}
      <SaveDialog
        dialog={dialog}
        title={t('assets.recordUsage')}
        okText={t('common.ok')}
        onSave={(v: UsageValues) =>
          recordUsage.mutateAsync({
            id: ticketId,
            body: { visits: v.visits ?? 0, minutes: v.minutes ?? 0, note: v.note || null },
          })
        }
      >
        <Form.Item name="visits" label={t('assets.fields.visits')}>
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="minutes" label={t('assets.fields.minutes')}>
          <InputNumber min={0} max={100000} />
        </Form.Item>
        <Form.Item name="note" label={t('assets.fields.notes')}>
          <Input maxLength={500} />
        </Form.Item>
      </SaveDialog>
    </>
  );
}
