import { CameraOutlined, EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import type { WorkOrder } from '@relate/common';
import { App, Button, Card, Empty, List, Space, Spin, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import { useSaveDialog } from '../../components/SaveDialog';
import { CheckOutDialog } from './CheckOutDialog';
import { useAcceptWorkOrder, useAddWorkOrderPhoto, useCheckIn, useReportPosition, useWorkOrders } from './queries';
import { WorkOrderStatusTag } from './WorkOrderStatusTag';
import { PhoneLink } from '../../components/PhoneLink';
import { usePageTitle } from '../../components/usePageTitle';

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

/** 我的工单: a technician's jobs on a phone — call the customer, accept, check in on site, record the work and leave. */
export function MyWorkOrdersPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.myWorkOrders'));
  const { message } = App.useApp();
  const checkOutDialog = useSaveDialog<WorkOrder>();
  const { mutate: reportPosition } = useReportPosition();
  const accept = useAcceptWorkOrder();
  const checkIn = useCheckIn();
  const addPhotoTo = useAddWorkOrderPhoto();
  // Opening the page tells dispatch where this technician is, so the nearest free one gets the next job.
  useEffect(() => {
    void currentPosition().then((position) => position && reportPosition(position));
  }, [reportPosition]);
  const { data, isLoading } = useWorkOrders({
    mine: true,
    status: ['dispatched', 'accepted', 'on_site'],
    pageSize: 100,
  });
  const addPhoto = async (order: WorkOrder, file: File) => {
    try {
      await addPhotoTo.mutateAsync({ id: order.id, file });
      message.success(t('workOrders.photoAdded'));
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  const act = async (order: WorkOrder, step: 'accept' | 'check-in') => {
    try {
      if (step === 'accept') await accept.mutateAsync(order.id);
      else await checkIn.mutateAsync({ id: order.id, body: (await currentPosition()) ?? {} });
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
                  <PhoneOutlined /> {o.contactName} <PhoneLink number={o.contactPhone} />
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
                  <Button
                    size="large"
                    type="primary"
                    onClick={() => checkOutDialog.openEdit(o)}
                    data-testid={`check-out-${o.id}`}
                  >
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
      <CheckOutDialog dialog={checkOutDialog} />
    </Card>
  );
}
