import { CameraOutlined, EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { type Page, type Product, type WorkOrder } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Spin,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../app/api';
import { useErrorReporter } from '../../components/forms';
import { SignaturePad } from './SignaturePad';
import { WorkOrderStatusTag } from './WorkOrderStatusTag';

/**
 * Where the device is, if it will say within a few seconds; the check-in goes ahead without it. The
 * browser's own timeout starts only once permission is given, so an unanswered prompt is timed here.
 */
function currentPosition(): Promise<{ latitude: number; longitude: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const giveUp = setTimeout(() => resolve(null), 5000);
    const done = (position: { latitude: number; longitude: number } | null) => {
      clearTimeout(giveUp);
      resolve(position);
    };
    navigator.geolocation.getCurrentPosition(
      (p) => done({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => done(null),
      { timeout: 5000 },
    );
  });
}

function CheckOutDialog({ order, onClose }: { order: WorkOrder | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const [q, setQ] = useState('');
  const products = useQuery({
    queryKey: ['products', 'parts', q],
    queryFn: () => api.get<Page<Product>>('/api/v1/products', { q: q || undefined, pageSize: 20 }),
    enabled: Boolean(order),
  });
  const save = async (v: {
    workDone: string;
    parts?: Array<{ productId: number; quantity: string | number }>;
    signature?: string | null;
    signedBy?: string;
  }) => {
    try {
      await api.post(`/api/v1/work-orders/${order!.id}/check-out`, {
        workDone: v.workDone,
        parts: (v.parts ?? [])
          .filter((p) => p?.productId)
          .map((p) => ({ productId: p.productId, quantity: String(p.quantity ?? 1) })),
        signature: v.signature ?? null,
        signedBy: v.signedBy || null,
      });
      void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
      form.resetFields();
      onClose();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Modal
      open={Boolean(order)}
      title={t('workOrders.checkOut')}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'check-out-save' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item
          name="workDone"
          label={t('workOrders.fields.workDone')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea rows={3} maxLength={5000} data-testid="work-done" />
        </Form.Item>
        <Form.List name="parts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item
                    name={[field.name, 'productId']}
                    rules={[{ required: true, message: t('validation.required') }]}
                  >
                    <Select
                      showSearch={{ filterOption: false, onSearch: setQ }}
                      style={{ width: 220 }}
                      placeholder={t('workOrders.fields.part')}
                      options={(products.data?.items ?? []).map((p) => ({
                        value: p.id,
                        label: `${p.code} · ${p.name}`,
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'quantity']} initialValue={1}>
                    <InputNumber min="0.001" stringMode style={{ width: 90 }} />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(field.name)}>
                    {t('common.remove')}
                  </Button>
                </Space>
              ))}
              <Button type="dashed" block onClick={() => add()} style={{ marginBottom: 16 }}>
                {t('workOrders.addPart')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="signature" label={t('workOrders.fields.signature')}>
          <SignaturePad />
        </Form.Item>
        <Form.Item name="signedBy" label={t('workOrders.fields.signedBy')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 我的工单: a technician's jobs on a phone — call the customer, accept, check in on site, record the work and leave. */
export function MyWorkOrdersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [closing, setClosing] = useState<WorkOrder | null>(null);
  // Opening the page tells dispatch where this technician is, so the nearest free one gets the next job.
  useEffect(() => {
    void currentPosition().then(
      (position) => position && api.post('/api/v1/work-orders/my-position', position).catch(() => undefined),
    );
  }, []);
  const { data, isLoading } = useQuery({
    queryKey: ['work-orders', 'mine'],
    queryFn: () =>
      api.get<Page<WorkOrder>>('/api/v1/work-orders', {
        mine: 'true',
        status: ['dispatched', 'accepted', 'on_site'],
        pageSize: 100,
      }),
  });
  const addPhoto = async (order: WorkOrder, file: File) => {
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      await api.post(`/api/v1/work-orders/${order.id}/attachments`, body);
      message.success(t('workOrders.photoAdded'));
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  const act = async (order: WorkOrder, step: 'accept' | 'check-in') => {
    try {
      const body = step === 'check-in' ? ((await currentPosition()) ?? {}) : undefined;
      await api.post(`/api/v1/work-orders/${order.id}/${step}`, body);
      void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
    } catch (e) {
      message.error((e as ApiError).message);
    }
  };
  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  return (
    <Card title={t('nav.myWorkOrders')} styles={{ body: { padding: 12 } }}>
      {!data?.items.length ? (
        <Empty description={t('workOrders.noJobs')} />
      ) : (
        <List
          dataSource={data.items}
          data-testid="my-work-orders"
          renderItem={(o) => (
            <Card
              size="small"
              style={{ marginBottom: 12 }}
              title={
                <Space wrap>
                  {o.number}
                  <WorkOrderStatusTag status={o.status} />
                </Space>
              }
            >
              <Typography.Paragraph strong style={{ marginBottom: 4 }}>
                {o.ticketSubject}
              </Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                {dayjs(o.appointmentStart).format('MM-DD HH:mm')} – {dayjs(o.appointmentEnd).format('HH:mm')} ·{' '}
                {o.customerName ?? '-'}
              </Typography.Paragraph>
              {o.address && (
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  <EnvironmentOutlined /> {o.address}
                </Typography.Paragraph>
              )}
              {o.contactPhone && (
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  <PhoneOutlined />{' '}
                  <a href={`tel:${o.contactPhone}`}>
                    {o.contactName} {o.contactPhone}
                  </a>
                </Typography.Paragraph>
              )}
              {o.partsNeeded && (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                  {t('workOrders.fields.partsNeeded')}: {o.partsNeeded}
                </Typography.Paragraph>
              )}
              <Space wrap style={{ marginTop: 8 }}>
                {o.status === 'dispatched' && (
                  <Button size="large" onClick={() => void act(o, 'accept')} data-testid={`accept-${o.id}`}>
                    {t('workOrders.accept')}
                  </Button>
                )}
                {(o.status === 'dispatched' || o.status === 'accepted') && (
                  <Button
                    size="large"
                    type="primary"
                    onClick={() => void act(o, 'check-in')}
                    data-testid={`check-in-${o.id}`}
                  >
                    {t('workOrders.checkIn')}
                  </Button>
                )}
                {o.status === 'on_site' && (
                  <Button size="large" type="primary" onClick={() => setClosing(o)} data-testid={`check-out-${o.id}`}>
                    {t('workOrders.checkOut')}
                  </Button>
                )}
                {(o.status === 'accepted' || o.status === 'on_site') && (
                  <Upload
                    accept="image/*"
                    capture="environment"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void addPhoto(o, file);
                      return false;
                    }}
                  >
                    <Button size="large" icon={<CameraOutlined />} data-testid={`photo-${o.id}`}>
                      {t('workOrders.addPhoto')}
                    </Button>
                  </Upload>
                )}
              </Space>
            </Card>
          )}
        />
      )}
      <CheckOutDialog order={closing} onClose={() => setClosing(null)} />
    </Card>
  );
}
