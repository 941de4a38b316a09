import type { LoyaltySettings, MemberLevel } from '@relate/common';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Spin, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { DeleteButton } from '../../components/DeleteButton';
import { useErrorReporter, useRequired } from '../../components/forms';
import { useMoney } from '../../components/money';
import { NewButton } from '../../components/NewButton';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { usePageTitle } from '../../components/usePageTitle';
import {
  useDeleteMemberLevel,
  useLoyaltySettings,
  useMemberLevels,
  useSaveLoyaltySettings,
  useSaveMemberLevel,
} from './queries';

type LevelValues = {
  nameZh: string;
  nameEn: string;
  discountPercent: string;
  multiplier: string;
  minSpend: string;
  sortOrder?: number;
};

/** Member levels and the points rules (Marketing → Membership and loyalty). */
export function MembershipPage() {
  const { t } = useTranslation();
  usePageTitle(t('membership.title'));
  const { can } = useSession();
  const admin = can('membership.admin');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('membership.intro')}</Typography.Paragraph>
      <LevelsCard editable={admin} />
      <RulesCard editable={admin} />
    </Space>
  );
}

function LevelsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { locale } = useSession();
  const money = useMoney();
  const required = useRequired();
  const levels = useMemberLevels();
  const settings = useLoyaltySettings();
  const save = useSaveMemberLevel();
  const remove = useDeleteMemberLevel();
  const dialog = useSaveDialog<MemberLevel>();
  const currency = settings.data?.currency ?? 'CNY';
  return (
    <Card
      title={t('membership.levels')}
      extra={editable && <NewButton onClick={dialog.openNew}>{t('membership.newLevel')}</NewButton>}
    >
      <Table<MemberLevel>
        rowKey="id"
        size="small"
        pagination={false}
        loading={levels.isLoading}
        dataSource={levels.data ?? []}
        data-testid="member-levels"
        locale={{ emptyText: t('membership.noLevels') }}
        columns={[
          {
            title: t('membership.level'),
            key: 'name',
            render: (_, l) => (locale === 'en' ? l.nameEn : l.nameZh),
          },
          { title: t('membership.minSpend'), dataIndex: 'minSpend', render: (v: string) => money(v, currency) },
          { title: t('membership.discountPercent'), dataIndex: 'discountPercent', render: (v: string) => `${v}%` },
          { title: t('membership.multiplier'), dataIndex: 'multiplier', render: (v: string) => `×${v}` },
          { title: t('membership.members'), dataIndex: 'members', align: 'right' },
          ...(editable
            ? [
                {
                  key: 'actions',
                  render: (_: unknown, l: MemberLevel) => (
                    <Space>
                      <Button size="small" type="link" onClick={() => dialog.openEdit(l)}>
                        {t('common.edit')}
                      </Button>
                      <DeleteButton type="link" onConfirm={() => remove.mutateAsync(l.id)} />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <SaveDialog<MemberLevel, LevelValues>
        dialog={dialog}
        title={{ create: t('membership.newLevel'), edit: t('membership.editLevel') }}
        initialValues={{ discountPercent: '0', multiplier: '1', minSpend: '0' }}
        onSave={(values, record) =>
          save.mutateAsync({
            id: record?.id,
            body: {
              ...values,
              discountPercent: String(values.discountPercent),
              multiplier: String(values.multiplier),
              minSpend: String(values.minSpend),
            },
          })
        }
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="nameZh" label={t('membership.levelNameZh')} rules={required.text}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="nameEn" label={t('membership.levelNameEn')} rules={required.text}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="minSpend" label={t('membership.minSpend')} rules={required.value}>
              <InputNumber stringMode min="0" addonAfter={currency} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="discountPercent" label={t('membership.discountPercent')} rules={required.value}>
              <InputNumber stringMode min="0" max="100" addonAfter="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="multiplier" label={t('membership.multiplier')} rules={required.value}>
              <InputNumber stringMode min="0" max="10" addonBefore="×" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="sortOrder" label={t('common.sortOrder')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </SaveDialog>
    </Card>
  );
}

function RulesCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LoyaltySettings>();
  const reportError = useErrorReporter(form);
  const settings = useLoyaltySettings();
  const save = useSaveLoyaltySettings();
  const [saving, setSaving] = useState(false);
  const expire = Form.useWatch('pointsExpire', form);
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  if (settings.isLoading) return <Spin />;
  const currency = settings.data?.currency ?? 'CNY';
  const submit = async (values: LoyaltySettings) => {
    setSaving(true);
    try {
      await save.mutateAsync({ ...values, earnPointsPerUnit: String(values.earnPointsPerUnit) });
      message.success(t('common.saved'));
    } catch (error) {
      reportError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('membership.rules')}>
      <Form form={form} layout="vertical" disabled={!editable} onFinish={(values) => void submit(values)}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item
              name="earnPointsPerUnit"
              label={t('membership.earnPointsPerUnit', { currency })}
              extra={t('membership.earnHelp')}
            >
              <InputNumber stringMode min="0" style={{ width: '100%' }} data-testid="loyalty-earn" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="redeemPointsPerUnit" label={t('membership.redeemPointsPerUnit', { currency })}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item name="pointsExpire" label={t('membership.pointsExpire')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="expireAfterYears"
              label={t('membership.expireAfterYears')}
              extra={t('membership.expireHelp')}
            >
              <InputNumber min={0} max={10} precision={0} disabled={!expire} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {editable && (
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
