import { UploadOutlined } from '@ant-design/icons';
import type { InvoiceRequest } from '@relate/common';
import { Button, DatePicker, Form, Input, Space, Table, Tag, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useRequired } from '../../components/forms';
import { useMoney } from '../../components/money';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { useRegisterInvoice, useSubmitInvoiceRequest } from './queries';

const statusColors: Record<InvoiceRequest['status'], string> = {
  draft: 'default',
  pending: 'processing',
  approved: 'blue',
  rejected: 'red',
  issued: 'green',
};

type RegisterValues = { number: string; issuedOn: dayjs.Dayjs };

/** Invoice requests with their status; finance registers an approved one as issued, with its PDF/OFD file. */
export function InvoiceRequestTable({
  items,
  loading,
  showCustomer,
  pagination,
}: {
  items: InvoiceRequest[];
  loading?: boolean;
  showCustomer?: boolean;
  pagination?: false | { current: number; pageSize: number; total: number; onChange: (page: number) => void };
}) {
  const { t } = useTranslation();
  const required = useRequired();
  const { can } = useSession();
  const money = useMoney();
  const register = useRegisterInvoice();
  const submit = useSubmitInvoiceRequest();
  const dialog = useSaveDialog<InvoiceRequest>();
  const [file, setFile] = useState<File | undefined>();
  return (
    <>
      <Table<InvoiceRequest>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={pagination ?? false}
        scroll={{ x: 'max-content' }}
        data-testid="invoice-requests"
        locale={{ emptyText: t('invoicing.requests.empty') }}
        columns={[
          { title: t('invoices.fields.type'), dataIndex: 'type', render: (v: string) => t(`invoices.types.${v}`) },
          ...(showCustomer ? [{ title: t('invoicing.requests.customer'), dataIndex: 'customerName' }] : []),
          { title: t('invoices.fields.buyerTitle'), dataIndex: 'buyerTitle' },
          {
            title: t('invoices.fields.amount'),
            dataIndex: 'amount',
            align: 'right' as const,
            render: (v: string, r: InvoiceRequest) => money(v, r.currency),
          },
          { title: t('invoicing.requests.inWords'), dataIndex: 'amountInWords' },
          { title: t('invoicing.requests.owner'), dataIndex: 'ownerName' },
          {
            title: t('invoices.fields.status'),
            dataIndex: 'status',
            render: (s: InvoiceRequest['status'], r: InvoiceRequest) => (
              <Space>
                <Tag color={statusColors[s]}>{t(`invoicing.requests.statuses.${s}`)}</Tag>
                {r.invoiceNumber && <span>{r.invoiceNumber}</span>}
                {s === 'approved' && can('invoices.create') && (
                  <Button size="small" type="link" onClick={() => dialog.openEdit(r)} data-testid="invoice-register">
                    {t('invoicing.requests.register')}
                  </Button>
                )}
                {(s === 'draft' || s === 'rejected') && can('invoices.request') && (
                  <Button size="small" type="link" onClick={() => void submit.mutateAsync(r.id)}>
                    {t('invoicing.requests.submit')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <SaveDialog<InvoiceRequest, RegisterValues>
        dialog={dialog}
        title={t('invoicing.requests.registerTitle')}
        toValues={() => ({ issuedOn: dayjs() })}
        onSave={async (values, request) => {
          await register.mutateAsync({
            id: request!.id,
            body: { number: values.number, issuedOn: values.issuedOn.format('YYYY-MM-DD') },
            file,
          });
          setFile(undefined);
        }}
        saveTestId="invoice-register-save"
        width={520}
      >
        <Form.Item name="number" label={t('invoices.fields.number')} rules={required.text}>
          <Input maxLength={50} data-testid="invoice-register-number" />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('invoices.fields.issuedOn')}>
          <DatePicker />
        </Form.Item>
        <Form.Item label={t('invoicing.requests.file')}>
          <Upload
            accept=".pdf,.ofd"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(undefined)}
          >
            <Button icon={<UploadOutlined />}>{t('invoicing.requests.chooseFile')}</Button>
          </Upload>
        </Form.Item>
      </SaveDialog>
    </>
  );
}
