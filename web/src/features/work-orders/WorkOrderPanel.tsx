import { CameraOutlined, PlusOutlined } from '@ant-design/icons';
import type { WorkOrder } from '@relate/common';
import { Button, DatePicker, Form, Input, List, Modal, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { AttachmentList } from '../../components/AttachmentList';
import { emptyToNull, useRequired } from '../../components/forms';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { UserSelect } from '../../components/users';
import { useCreateWorkOrder, useWorkOrders } from './queries';
import { WorkOrderStatusTag } from './WorkOrderStatusTag';

type WorkOrderValues = {
  slot: [dayjs.Dayjs, dayjs.Dayjs];
  requiredSkills?: string[];
  partsNeeded?: string;
  instructions?: string;
  address?: string;
  technicianId?: number;
};

/** On a ticket: its on-site work orders, and a new one dispatched to a technician. */
export function WorkOrderPanel({ ticketId, open }: { ticketId: number; open: boolean }) {
  const { t } = useTranslation();
  const required = useRequired();
  const { can } = useSession();
  const dialog = useSaveDialog<never>();
  const [photosOf, setPhotosOf] = useState<WorkOrder | null>(null);
  const { data } = useWorkOrders({ ticketId, pageSize: 50 }, can('workOrders.view'));
  const createWorkOrder = useCreateWorkOrder();
  const save = (v: WorkOrderValues) =>
    createWorkOrder.mutateAsync(
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
        <Button size="small" icon={<PlusOutlined />} onClick={dialog.openNew} data-testid="new-work-order">
          {t('workOrders.new')}
        </Button>
      )}
      <SaveDialog
        dialog={dialog}
        title={t('workOrders.new')}
        initialValues={{ slot: [dayjs().add(1, 'day').hour(9).minute(0), dayjs().add(1, 'day').hour(11).minute(0)] }}
        onSave={save}
        saveTestId="work-order-save"
      >
        <Form.Item name="slot" label={t('workOrders.fields.appointment')} rules={required.value}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
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
        <Form.Item name="technicianId" label={t('workOrders.fields.technician')} extra={t('workOrders.technicianHint')}>
          <UserSelect data-testid="work-order-technician" />
        </Form.Item>
      </SaveDialog>
    </>
  );
}
