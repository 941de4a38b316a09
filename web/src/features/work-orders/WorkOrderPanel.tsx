import { CameraOutlined, PlusOutlined } from '@ant-design/icons';
import type { Page, WorkOrder } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, List, Modal, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useSession } from '../../app/session';
import { AttachmentList } from '../../components/AttachmentList';
import { emptyToNull, useErrorReporter } from '../../components/forms';
import { UserSelect } from '../../components/users';
import { WorkOrderStatusTag } from './WorkOrderStatusTag';

/** On a ticket: its on-site work orders, and a new one dispatched to a technician. */
export function WorkOrderPanel({ ticketId, open }: { ticketId: number; open: boolean }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [photosOf, setPhotosOf] = useState<WorkOrder | null>(null);
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const { data } = useQuery({
    queryKey: ['work-orders', 'ticket', ticketId],
    queryFn: () => api.get<Page<WorkOrder>>('/api/v1/work-orders', { ticketId, pageSize: 50 }),
    enabled: can('workOrders.view'),
  });
  const save = async (v: {
    slot: [dayjs.Dayjs, dayjs.Dayjs];
    requiredSkills?: string[];
    partsNeeded?: string;
    instructions?: string;
    address?: string;
    technicianId?: number;
  }) => {
    try {
      await api.post(
        '/api/v1/work-orders',
        emptyToNull({
          ticketId,
          appointmentStart: v.slot[0].toISOString(),
          appointmentEnd: v.slot[1].toISOString(),
          requiredSkills: v.requiredSkills ?? [],
          partsNeeded: v.partsNeeded,
          instructions: v.instructions,
          address: v.address,
          technicianId: v.technicianId ?? null,
        }),
      );
      void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
      setCreating(false);
      form.resetFields();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <>
      <List
        size="small"
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('workOrders.none') }}
        data-testid="ticket-work-orders"
        renderItem={(o) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              <Space wrap>
                {o.number}
                <WorkOrderStatusTag status={o.status} />
              </Space>
              <Typography.Text type="secondary">
                {dayjs(o.appointmentStart).format('MM-DD HH:mm')} · {o.technicianName ?? t('tickets.unassigned')}
                {o.workMinutes !== null ? ` · ${t('workOrders.minutesOnSite', { count: o.workMinutes })}` : ''}
              </Typography.Text>
              {o.workDone && <Typography.Text>{o.workDone}</Typography.Text>}
            </Space>
            <Button type="link" size="small" icon={<CameraOutlined />} onClick={() => setPhotosOf(o)}>
              {t('workOrders.photos')}
            </Button>
          </List.Item>
        )}
      />
      <Modal
        open={photosOf !== null}
        title={`${t('workOrders.photos')} · ${photosOf?.number ?? ''}`}
        footer={null}
        onCancel={() => setPhotosOf(null)}
        destroyOnHidden
      >
        {photosOf && (
          <AttachmentList
            entity="work-orders"
            id={photosOf.id}
            editable={can('workOrders.dispatch') && photosOf.status !== 'cancelled'}
          />
        )}
      </Modal>
      {can('workOrders.dispatch') && open && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-work-order">
          {t('workOrders.new')}
        </Button>
      )}
      <Modal
        open={creating}
        title={t('workOrders.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'work-order-save' } as Record<string, string>}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={save}
          initialValues={{ slot: [dayjs().add(1, 'day').hour(9).minute(0), dayjs().add(1, 'day').hour(11).minute(0)] }}
        >
          <Form.Item
            name="slot"
            label={t('workOrders.fields.appointment')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="address" label={t('workOrders.fields.address')} extra={t('workOrders.addressHint')}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="requiredSkills" label={t('workOrders.fields.requiredSkills')}>
            <Select mode="tags" open={false} suffixIcon={null} />
          </Form.Item>
          <Form.Item name="partsNeeded" label={t('workOrders.fields.partsNeeded')}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="instructions" label={t('workOrders.fields.instructions')}>
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
          <Form.Item
            name="technicianId"
            label={t('workOrders.fields.technician')}
            extra={t('workOrders.technicianHint')}
          >
            <UserSelect data-testid="work-order-technician" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
