import type { Body, CheckIn, Followup, FollowupInput } from '@relate/common';
import { UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Space,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import { DictionarySelect } from '../../components/dictionaries';
import { emptyToNull, useRequired } from '../../components/forms';
import { SaveDrawer } from '../../components/SaveDrawer';
import { useContactsOfCustomer } from '../opportunities/queries';
import { useAttachToFollowup, useSaveFollowup } from './queries';

type FollowupValues = Omit<
  Body<typeof FollowupInput>,
  'customerId' | 'leadId' | 'occurredAt' | 'nextFollowupAt' | 'checkIn'
> & { occurredAt: Dayjs; nextFollowupAt?: Dayjs | null; checkInAddress?: string };
export type FollowupParent = { customerId: number } | { leadId: number };

/** Log or edit a follow-up of a customer (with its contacts) or of a lead; a visit can carry a check-in. */
export function FollowupForm({
  parent,
  followup,
  open,
  onClose,
}: {
  parent: FollowupParent;
  followup?: Followup;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useSaveFollowup();
  const attach = useAttachToFollowup();
  const [checkIn, setCheckIn] = useState<CheckIn | null>(null);
  const [locating, setLocating] = useState(false);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const type = Form.useWatch('type', form);
  const customerId = 'customerId' in parent ? parent.customerId : null;
  const contacts = useContactsOfCustomer(customerId, open);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setFiles([]);
    setCheckIn(followup?.checkIn ?? null);
    if (followup) {
      form.setFieldsValue({
        ...followup,
        occurredAt: dayjs(followup.occurredAt),
        nextFollowupAt: followup.nextFollowupAt ? dayjs(followup.nextFollowupAt) : null,
      });
    }
  }, [open, followup, form]);

  const locate = () => {
    if (!navigator.geolocation) return message.warning(t('followups.noGeolocation'));
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        setCheckIn({
          latitude: Number(position.coords.latitude.toFixed(6)),
          longitude: Number(position.coords.longitude.toFixed(6)),
          address: form.getFieldValue('checkInAddress') ?? null,
        });
      },
      () => {
        setLocating(false);
        message.warning(t('followups.locationDenied'));
      },
      { timeout: 10_000 },
    );
  };

  const submit = async ({ occurredAt, nextFollowupAt, checkInAddress, ...rest }: FollowupValues) => {
    const body = emptyToNull({
      ...rest,
      occurredAt: occurredAt.toISOString(),
      nextFollowupAt: nextFollowupAt ? nextFollowupAt.toISOString() : null,
      checkIn: checkIn ? { ...checkIn, address: checkInAddress || checkIn.address || null } : null,
      ...(followup ? {} : parent),
    });
    const saved = await save.mutateAsync({ id: followup?.id, body });
    // The follow-up is kept even when a file is refused; the message names the file.
    for (const file of files) {
      try {
        await attach.mutateAsync({ followupId: saved.id, file: file.originFileObj as File });
      } catch (error) {
        message.error(`${file.name}: ${(error as ApiError).message}`);
      }
    }
  };

  return (
    <SaveDrawer
      form={form}
      title={followup ? t('followups.edit') : t('followups.new')}
      open={open}
      onClose={onClose}
      onSave={submit}
      saving={save.isPending || attach.isPending}
      saveTestId="followup-save"
      initialValues={{ type: 'call', occurredAt: dayjs() }}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="type" label={t('followups.fields.type')} rules={required.value}>
            <DictionarySelect type="followup_type" allowClear={false} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="occurredAt" label={t('followups.fields.occurredAt')} rules={required.value}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {customerId !== null && (
          <Col xs={24} md={12}>
            <Form.Item name="contactId" label={t('followups.fields.contact')}>
              <Select
                allowClear
                loading={contacts.isLoading}
                options={(contacts.data?.items ?? []).map((c) => ({
                  value: c.id,
                  label: c.title ? `${c.name} · ${c.title}` : c.name,
                }))}
              />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item name="contactName" label={t('followups.fields.contactName')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="content" label={t('followups.fields.content')} rules={required.value}>
            <Input.TextArea rows={4} maxLength={5000} autoFocus data-testid="followup-content" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="result" label={t('followups.fields.result')}>
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="nextStep" label={t('followups.fields.nextStep')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="nextFollowupAt" label={t('followups.fields.nextFollowupAt')}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              data-testid="followup-next"
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={t('followups.attachments')}>
            <Upload
              multiple
              fileList={files}
              beforeUpload={(file) => {
                setFiles((list) => [...list, { uid: file.uid, name: file.name, size: file.size, originFileObj: file }]);
                return false;
              }}
              onRemove={(file) => setFiles((list) => list.filter((f) => f.uid !== file.uid))}
            >
              <Button icon={<UploadOutlined />}>{t('followups.addFiles')}</Button>
            </Upload>
          </Form.Item>
        </Col>
        {type === 'visit' && (
          <Col span={24}>
            <Form.Item
              name="checkInAddress"
              label={t('followups.fields.checkIn')}
              initialValue={followup?.checkIn?.address ?? undefined}
            >
              <Input
                placeholder={t('followups.checkInAddressPlaceholder')}
                addonAfter={
                  <Button
                    type="link"
                    size="small"
                    loading={locating}
                    onClick={locate}
                    style={{ padding: 0, height: 'auto' }}
                  >
                    {t('followups.checkInHere')}
                  </Button>
                }
              />
            </Form.Item>
            {checkIn && (
              <Space style={{ marginTop: -16, marginBottom: 16 }}>
                <Typography.Text type="secondary">
                  {t('followups.checkedInAt', { latitude: checkIn.latitude, longitude: checkIn.longitude })}
                </Typography.Text>
                <Button size="small" type="link" onClick={() => setCheckIn(null)}>
                  {t('common.remove')}
                </Button>
              </Space>
            )}
          </Col>
        )}
      </Row>
    </SaveDrawer>
  );
}
