import {
  type Body,
  complaintSeverities,
  complaintType,
  ticketChannels,
  type TicketInput,
  ticketPriorities,
} from '@relate/common';
import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { CustomerPicker } from '../../components/CustomerPicker';
import { DictionarySelect } from '../../components/dictionaries';
import { FormDrawer } from '../../components/FormDrawer';
import { emptyToNull, useErrorReporter, useRequired } from '../../components/forms';
import { DepartmentSelect, UserSelect } from '../../components/users';
import { useCustomerAssets } from '../assets/queries';
import { useCreateTicket, useCustomerContacts } from './queries';

/** 新建工单: who asks (a customer, or a name and a way to reach them), what about, how urgent; complaints say what was promised. */
export function TicketForm({
  open,
  onClose,
  customer,
}: {
  open: boolean;
  onClose: () => void;
  customer?: { id: number; name: string };
}) {
  const { t } = useTranslation();
  const required = useRequired();
  const { can } = useSession();
  const navigate = useNavigate();
  const createTicket = useCreateTicket();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const customerId: number | undefined = Form.useWatch('customerId', form);
  const type: string | undefined = Form.useWatch('type', form);
  const contacts = useCustomerContacts(customerId, can('contacts.view'));
  const assets = useCustomerAssets(can('assets.view') ? customerId : null);
  const save = async (values: Body<typeof TicketInput>) => {
    try {
      const created = await createTicket.mutateAsync(emptyToNull(values));
      form.resetFields();
      onClose();
      void navigate(`/tickets/${created.id}`);
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <FormDrawer
      title={t('tickets.new')}
      open={open}
      onClose={onClose}
      onSave={() => form.submit()}
      saving={createTicket.isPending}
      saveTestId="ticket-save"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ type: 'repair', channel: 'phone', priority: 'normal', customerId: customer?.id }}
      >
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="subject" label={t('tickets.fields.subject')} rules={required.text}>
              <Input maxLength={200} autoFocus data-testid="ticket-subject" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="type" label={t('tickets.fields.type')} rules={required.value}>
              <DictionarySelect type="ticket_type" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="category" label={t('tickets.fields.category')}>
              <DictionarySelect type="service_category" allowClear />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="channel" label={t('tickets.fields.channel')}>
              <Select options={ticketChannels.map((c) => ({ value: c, label: t(`tickets.channels.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="priority" label={t('tickets.fields.priority')}>
              <Select
                options={ticketPriorities.map((p) => ({ value: p, label: t(`tickets.priorities.${p}`) }))}
                data-testid="ticket-priority"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="customerId" label={t('tickets.fields.customer')}>
              <CustomerPicker initial={customer} />
            </Form.Item>
          </Col>
          {can('assets.view') && (
            <Col xs={24} md={12}>
              <Form.Item name="assetId" label={t('tickets.fields.asset')}>
                <Select
                  allowClear
                  disabled={!customerId}
                  options={(assets.data?.items ?? []).map((a) => ({
                    value: a.id,
                    label: `${a.name}${a.serialNumber ? ` (${a.serialNumber})` : ''}${a.underWarranty ? ` · ${t('assets.inWarranty')}` : ''}`,
                  }))}
                  data-testid="ticket-asset"
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="contactId" label={t('tickets.fields.contact')}>
              <Select
                allowClear
                disabled={!customerId}
                options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
          </Col>
          {!customerId && (
            <>
              <Col xs={24} md={8}>
                <Form.Item name="requesterName" label={t('tickets.fields.requesterName')}>
                  <Input maxLength={500} />
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                <Form.Item name="requesterPhone" label={t('tickets.fields.requesterPhone')}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                <Form.Item name="requesterEmail" label={t('tickets.fields.requesterEmail')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item name="description" label={t('tickets.fields.description')}>
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
          </Col>
          {type === complaintType && (
            <>
              <Col xs={24} md={8}>
                <Form.Item name="severity" label={t('tickets.fields.severity')}>
                  <Select
                    allowClear
                    options={complaintSeverities.map((s) => ({ value: s, label: t(`tickets.severities.${s}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item name="promised" label={t('tickets.fields.promised')}>
                  <Input maxLength={500} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="compensation" label={t('tickets.fields.compensation')}>
                  <Input maxLength={500} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="teamId" label={t('tickets.fields.team')}>
              <DepartmentSelect />
            </Form.Item>
          </Col>
          {can('tickets.assign') && (
            <Col xs={24} md={12}>
              <Form.Item name="assigneeId" label={t('tickets.fields.assignee')} extra={t('tickets.assigneeHint')}>
                <UserSelect />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </FormDrawer>
  );
}
