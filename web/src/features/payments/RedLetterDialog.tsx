import { fromMinorUnits, toMinorUnits, type Body, type Invoice, type InvoiceRedLetterInput } from '@relate/common';
import { Form, Input, InputNumber, Table } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useRequired } from '../../components/forms';
import { useMoney } from '../../components/money';
import { SaveDialog, type SaveDialogState } from '../../components/SaveDialog';
import { NumberAndDay } from './InvoicesCard';
import { useInvoice, useRedLetterInvoice } from './queries';

type Values = Omit<Body<typeof InvoiceRedLetterInput>, 'issuedOn' | 'lines'> & {
  issuedOn: dayjs.Dayjs;
  credits: Record<string, string | null>;
};

/**
 * A red-letter invoice (红字发票) of an issued one: how much to credit on each line (amount with tax, at most
 * what is left of it; the server works out the tax), the number and day, and why.
 */
export function RedLetterDialog({ dialog }: { dialog: SaveDialogState<Invoice> }) {
  const { t } = useTranslation();
  const required = useRequired();
  const money = useMoney();
  const detail = useInvoice(dialog.record?.id);
  const redLetter = useRedLetterInvoice();
  const lines = detail.data?.lines ?? [];
  const leftOf = (line: (typeof lines)[number]) =>
    fromMinorUnits(toMinorUnits(line.total) - toMinorUnits(line.credited));
  return (
    <SaveDialog<Invoice, Values>
      key={`${dialog.record?.id ?? 0}-${lines.length}`}
      dialog={dialog}
      title={t('invoices.redLetterTitle', { number: dialog.record?.number ?? '' })}
      toValues={() => ({
        issuedOn: dayjs(),
        credits: Object.fromEntries(lines.map((l) => [String(l.id), leftOf(l)])),
      })}
      onSave={(values, invoice) =>
        redLetter.mutateAsync({
          id: invoice!.id,
          body: {
            number: values.number,
            reason: values.reason,
            issuedOn: values.issuedOn.format('YYYY-MM-DD'),
            lines: Object.entries(values.credits ?? {})
              .filter(([, amount]) => amount && Number(amount) > 0)
              .map(([lineId, amount]) => ({ lineId: Number(lineId), amount: String(amount) })),
          },
        })
      }
      saveTestId="red-letter-save"
      width={720}
    >
      <NumberAndDay />
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={detail.isLoading}
        dataSource={lines}
        columns={[
          { title: t('invoicing.lines.name'), dataIndex: 'name' },
          { title: t('invoicing.lines.taxRate'), dataIndex: 'taxRate', render: (v: string) => `${v}%` },
          {
            title: t('invoicing.lines.left'),
            key: 'left',
            align: 'right',
            render: (_, l) => money(leftOf(l), dialog.record?.currency ?? 'CNY'),
          },
          {
            title: t('invoicing.lines.credit'),
            key: 'credit',
            render: (_, l) => (
              <Form.Item name={['credits', String(l.id)]} noStyle>
                <InputNumber
                  stringMode
                  min="0"
                  max={leftOf(l)}
                  precision={2}
                  style={{ width: 140 }}
                  aria-label={t('invoicing.lines.creditOf', { name: l.name })}
                />
              </Form.Item>
            ),
          },
        ]}
      />
      <Form.Item name="reason" label={t('invoices.redLetterReason')} rules={required.text} style={{ marginTop: 12 }}>
        <Input maxLength={500} data-testid="red-letter-reason" />
      </Form.Item>
    </SaveDialog>
  );
}
