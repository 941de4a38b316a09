import type { CampaignCost } from '@relate/common';
import { Button, DatePicker, Form, Input, InputNumber, Popconfirm, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequired } from '../../components/forms';
import { useMoney } from '../../components/money';
import { NewButton } from '../../components/NewButton';
import { PagedTable } from '../../components/PagedTable';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { useAddCampaignCost, useCampaignCosts, useRemoveCampaignCost } from './queries';

type Values = { date: Dayjs; item: string; amount: number; supplier?: string };

/** A campaign's cost lines (date, item, amount, supplier): their sum is its actual cost. */
export function CampaignCostsTab({ campaignId, editable }: { campaignId: number; editable: boolean }) {
  const { t } = useTranslation();
  const money = useMoney();
  const required = useRequired();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = useCampaignCosts(campaignId, paging);
  const add = useAddCampaignCost(campaignId);
  const remove = useRemoveCampaignCost(campaignId);
  const dialog = useSaveDialog<never>();
  const columns: TableColumnsType<CampaignCost> = [
    { title: t('campaigns.costs.date'), dataIndex: 'date' },
    { title: t('campaigns.costs.item'), dataIndex: 'item' },
    { title: t('campaigns.costs.supplier'), dataIndex: 'supplier', render: (v: string | null) => v ?? '-' },
    { title: t('campaigns.costs.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => money(v) },
    ...(editable
      ? [
          {
            key: 'actions',
            render: (_: unknown, c: CampaignCost) => (
              <Popconfirm title={t('campaigns.costs.deleteConfirm')} onConfirm={() => remove.mutateAsync(c.id)}>
                <Button type="link" danger size="small">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      {editable && (
        <NewButton onClick={dialog.openNew} style={{ marginBottom: 12 }} data-testid="campaign-cost-add">
          {t('campaigns.costs.add')}
        </NewButton>
      )}
      <PagedTable<CampaignCost>
        list={data}
        page={paging.page}
        pageSize={paging.pageSize}
        loading={isFetching}
        columns={columns}
        empty={t('campaigns.costs.empty')}
        onPageChange={({ page, pageSize }) => setPaging({ page, pageSize })}
        data-testid="campaign-costs"
      />
      <SaveDialog<never, Values>
        dialog={dialog}
        title={t('campaigns.costs.add')}
        saveTestId="campaign-cost-save"
        initialValues={{ date: dayjs() }}
        onSave={(v) =>
          add.mutateAsync({
            date: v.date.format('YYYY-MM-DD'),
            item: v.item,
            amount: v.amount.toFixed(2),
            supplier: v.supplier ?? null,
          })
        }
      >
        <Form.Item name="date" label={t('campaigns.costs.date')} rules={required.value}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="item" label={t('campaigns.costs.item')} rules={required.text}>
          <Input maxLength={200} data-testid="campaign-cost-item" />
        </Form.Item>
        <Form.Item name="amount" label={t('campaigns.costs.amount')} rules={required.value}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="campaign-cost-amount" />
        </Form.Item>
        <Form.Item name="supplier" label={t('campaigns.costs.supplier')}>
          <Input maxLength={500} />
        </Form.Item>
      </SaveDialog>
    </>
  );
}
