import { type CampaignDetail, campaignStatuses, campaignStatusMoves } from '@relate/common';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { DictionarySelect } from '../../components/dictionaries';
import { dateValue, emptyToNull, useRequired } from '../../components/forms';
import { SaveDialog, type SaveDialogState } from '../../components/SaveDialog';
import { UserSelect } from '../../components/users';
import { CampaignSelect } from './CampaignSelect';
import { ProductsSelect } from './ProductsSelect';
import { useSaveCampaign } from './queries';

type Values = {
  name: string;
  type: string;
  status?: CampaignDetail['status'];
  parentId?: number | null;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  ownerId?: number;
  budget?: number | null;
  expectedRevenue?: number | null;
  expectedResponse?: number | null;
  description?: string | null;
  productIds?: number[];
};

const amount = (v: number | null | undefined) => (v === null || v === undefined ? null : v.toFixed(2));

/** Create or edit a campaign: its type, status, parent, dates, owner, budget and expectations. */
export function CampaignForm({
  dialog,
  parent,
  onSaved,
}: {
  dialog: SaveDialogState<CampaignDetail>;
  /** A new campaign's parent (a child campaign added from its parent's page). */
  parent?: { id: number; name: string };
  onSaved?: (campaign: CampaignDetail) => void;
}) {
  const { t } = useTranslation();
  const required = useRequired();
  const { can } = useSession();
  const save = useSaveCampaign();
  const record = dialog.record;
  const statusOptions = (record ? [record.status, ...campaignStatusMoves[record.status]] : campaignStatuses).map(
    (s) => ({ value: s, label: t(`campaigns.statuses.${s}`) }),
  );
  return (
    <SaveDialog<CampaignDetail, Values>
      dialog={dialog}
      title={{ create: t('campaigns.new'), edit: t('campaigns.edit') }}
      width={720}
      saveTestId="campaign-save"
      initialValues={{ status: 'planned', parentId: parent?.id }}
      toValues={(c) => ({
        ...c,
        startDate: c.startDate ? dayjs(c.startDate) : null,
        endDate: c.endDate ? dayjs(c.endDate) : null,
        ownerId: c.ownerId ?? undefined,
        budget: c.budget === null ? null : Number(c.budget),
        expectedRevenue: c.expectedRevenue === null ? null : Number(c.expectedRevenue),
        productIds: c.products.map((p) => p.id),
      })}
      onSave={async (values, current) => {
        const body = emptyToNull({
          ...values,
          parentId: values.parentId ?? null,
          startDate: dateValue(values.startDate),
          endDate: dateValue(values.endDate),
          budget: amount(values.budget),
          expectedRevenue: amount(values.expectedRevenue),
        });
        const saved = await save.mutateAsync({ id: current?.id, body });
        onSaved?.(saved);
      }}
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="name" label={t('campaigns.fields.name')} rules={required.text}>
            <Input autoFocus maxLength={200} data-testid="campaign-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="type" label={t('campaigns.fields.type')} rules={required.value}>
            <DictionarySelect type="campaign_type" data-testid="campaign-type" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="status" label={t('campaigns.fields.status')}>
            <Select options={statusOptions} data-testid="campaign-status" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="parentId" label={t('campaigns.fields.parent')}>
            <CampaignSelect
              excludeId={record?.id}
              current={record?.parentId ? { id: record.parentId, name: record.parentName ?? '' } : (parent ?? null)}
            />
          </Form.Item>
        </Col>
        {can('org.view') && (
          <Col xs={24} md={12}>
            <Form.Item name="ownerId" label={t('campaigns.fields.owner')}>
              <UserSelect placeholder={t('customers.ownerDefault')} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item name="startDate" label={t('campaigns.fields.startDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="endDate" label={t('campaigns.fields.endDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="budget" label={t('campaigns.fields.budget')}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="campaign-budget" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="expectedRevenue" label={t('campaigns.fields.expectedRevenue')}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="expectedResponse" label={t('campaigns.fields.expectedResponse')}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {can('products.view') && (
          <Col span={24}>
            <Form.Item name="productIds" label={t('campaigns.fields.products')}>
              <ProductsSelect chosen={record?.products ?? []} />
            </Form.Item>
          </Col>
        )}
        <Col span={24}>
          <Form.Item name="description" label={t('campaigns.fields.description')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </Col>
      </Row>
    </SaveDialog>
  );
}
