import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import type { Body, PriceBook, PriceBookEntry, PriceBookInput, Product } from '@relate/common';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { ActiveName } from '../../components/ActiveName';
import { CustomerPicker } from '../../components/CustomerPicker';
import { DictionarySelect, useDictionaryLabel } from '../../components/dictionaries';
import { emptyToNull, useRequired } from '../../components/forms';
import { useMoney } from '../../components/money';
import { NewButton } from '../../components/NewButton';
import { SaveDrawer } from '../../components/SaveDrawer';
import {
  useDeletePriceBook,
  usePriceBookEntries,
  usePriceBooks,
  useProducts,
  useSavePriceBook,
  useSetPriceBookEntries,
} from './queries';
import { usePageTitle } from '../../components/usePageTitle';

const kinds = ['level', 'customer', 'channel', 'region', 'other'] as const;

type PriceBookValues = Omit<Body<typeof PriceBookInput>, 'validFrom' | 'validTo'> & {
  validity?: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null;
};

function PriceBookForm({ book, open, onClose }: { book?: PriceBook; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const required = useRequired();
  const [form] = Form.useForm<PriceBookValues>();
  const saveBook = useSavePriceBook();
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (book)
      form.setFieldsValue({
        ...book,
        validity:
          book.validFrom || book.validTo
            ? [book.validFrom ? dayjs(book.validFrom) : null, book.validTo ? dayjs(book.validTo) : null]
            : null,
      });
  }, [open, book, form]);
  const save = ({ validity, ...values }: PriceBookValues) =>
    saveBook.mutateAsync({
      id: book?.id,
      body: emptyToNull({
        ...values,
        validFrom: validity?.[0]?.format('YYYY-MM-DD') ?? null,
        validTo: validity?.[1]?.format('YYYY-MM-DD') ?? null,
      }),
    });
  return (
    <SaveDrawer
      form={form}
      title={book ? t('priceBooks.edit') : t('priceBooks.new')}
      open={open}
      onClose={onClose}
      onSave={save}
      saving={saveBook.isPending}
      saveTestId="pricebook-save"
      initialValues={{ kind: 'level', active: true }}
    >
      <Form.Item name="name" label={t('priceBooks.fields.name')} rules={required.text}>
        <Input maxLength={100} autoFocus />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="kind" label={t('priceBooks.fields.kind')}>
            <Select options={kinds.map((k) => ({ value: k, label: t(`priceBooks.kinds.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          {kind === 'level' && (
            <Form.Item name="customerLevel" label={t('priceBooks.fields.customerLevel')} rules={required.value}>
              <DictionarySelect type="customer_level" />
            </Form.Item>
          )}
          {kind === 'customer' && (
            <Form.Item name="customerId" label={t('priceBooks.fields.customer')} rules={required.value}>
              <CustomerPicker
                initial={
                  book?.customerId && book.customerName ? { id: book.customerId, name: book.customerName } : undefined
                }
              />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="validity" label={t('priceBooks.fields.validity')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="active" label={t('priceBooks.fields.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('priceBooks.fields.description')}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </SaveDrawer>
  );
}

/** The prices of one book: add a product, change a price in place, take a product out. */
function Entries({ book, editable }: { book: PriceBook; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const [search, setSearch] = useState('');
  const entries = usePriceBookEntries(book.id);
  const setEntries = useSetPriceBookEntries();
  const candidates = useProducts({ page: 1, pageSize: 20, q: search || undefined, status: 'on_sale' });
  const put = async (productId: number, price: string | null) => {
    try {
      await setEntries.mutateAsync({ id: book.id, body: { entries: [{ productId, price }] } });
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  return (
    <>
      {editable && (
        <Select<number>
          showSearch
          filterOption={false}
          onSearch={setSearch}
          value={null as unknown as number}
          placeholder={t('priceBooks.addProduct')}
          style={{ width: 320, marginBottom: 12 }}
          options={(candidates.data?.items ?? []).map((p: Product) => ({
            value: p.id,
            label: `${p.code} · ${p.name}`,
          }))}
          onChange={(productId) => {
            const product = candidates.data?.items.find((p) => p.id === productId);
            if (product) void put(product.id, product.listPrice);
          }}
          data-testid="pricebook-add-product"
        />
      )}
      <Table<PriceBookEntry>
        rowKey="productId"
        size="small"
        loading={entries.isLoading}
        dataSource={entries.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('priceBooks.noEntries')} /> }}
        columns={[
          { title: t('products.fields.code'), dataIndex: 'productCode' },
          { title: t('products.fields.name'), dataIndex: 'productName' },
          {
            title: t('products.fields.listPrice'),
            dataIndex: 'listPrice',
            align: 'right',
            render: (v: string) => money(v, book.currency),
          },
          {
            title: t('priceBooks.fields.price'),
            dataIndex: 'price',
            align: 'right',
            width: 180,
            render: (v: string, entry) =>
              editable ? (
                <InputNumber
                  key={`${entry.productId}-${v}`}
                  size="small"
                  min="0"
                  precision={2}
                  stringMode
                  defaultValue={v}
                  aria-label={`${t('priceBooks.fields.price')} ${entry.productCode}`}
                  onBlur={(e) => {
                    const value = e.target.value.replace(/,/g, '');
                    if (value && Number(value).toFixed(2) !== v) void put(entry.productId, Number(value).toFixed(2));
                  }}
                />
              ) : (
                money(v, book.currency)
              ),
          },
          {
            key: 'remove',
            width: 50,
            render: (_, entry) =>
              editable && (
                <Popconfirm title={t('priceBooks.removeProduct')} onConfirm={() => void put(entry.productId, null)}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} />
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );
}

/** 价格表: lists of prices by customer level, for one customer, or for a channel or region. */
export function PriceBooksPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.priceBooks'));
  const { message } = App.useApp();
  const { can } = useSession();
  const level = useDictionaryLabel('customer_level');
  const editable = can('pricebooks.manage');
  const books = usePriceBooks();
  const deleteBook = useDeletePriceBook();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [editing, setEditing] = useState<PriceBook | 'new' | null>(null);
  const selected = books.data?.find((b) => b.id === selectedId) ?? books.data?.[0];
  const remove = async (id: number) => {
    try {
      await deleteBook.mutateAsync(id);
      setSelectedId(null);
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  const scopeOf = (b: PriceBook) =>
    b.kind === 'level' ? level(b.customerLevel ?? '') : b.kind === 'customer' ? b.customerName : null;

  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Card
          title={t('nav.priceBooks')}
          extra={
            editable && (
              <NewButton size="small" onClick={() => setEditing('new')} data-testid="new-pricebook">
                {t('priceBooks.new')}
              </NewButton>
            )
          }
        >
          <List
            loading={books.isLoading}
            dataSource={books.data ?? []}
            locale={{ emptyText: <Empty description={t('priceBooks.empty')} /> }}
            renderItem={(b) => (
              <List.Item
                onClick={() => setSelectedId(b.id)}
                style={{
                  cursor: 'pointer',
                  background: selected?.id === b.id ? 'rgba(22,119,255,0.06)' : undefined,
                  paddingInline: 8,
                }}
              >
                <List.Item.Meta
                  title={<ActiveName name={b.name} active={b.active} inactiveLabel={t('priceBooks.inactive')} />}
                  description={[
                    t(`priceBooks.kinds.${b.kind}`),
                    scopeOf(b),
                    t('priceBooks.entryCount', { count: b.entryCount }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                />
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} md={16}>
        {selected && (
          <Card
            title={selected.name}
            extra={
              editable && (
                <Space>
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(selected)}>
                    {t('common.edit')}
                  </Button>
                  <Popconfirm title={t('common.deleteConfirm')} onConfirm={() => void remove(selected.id)}>
                    <Button size="small" danger icon={<DeleteOutlined />}>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              )
            }
          >
            <Typography.Paragraph type="secondary">
              {[
                t(`priceBooks.kinds.${selected.kind}`),
                scopeOf(selected),
                selected.validFrom || selected.validTo
                  ? `${selected.validFrom ?? '…'} ~ ${selected.validTo ?? '…'}`
                  : t('priceBooks.always'),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Paragraph>
            <Entries book={selected} editable={editable} />
          </Card>
        )}
      </Col>
      <PriceBookForm
        open={editing !== null}
        book={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
      />
    </Row>
  );
}
