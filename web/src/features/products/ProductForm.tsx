import type { Body, Product, ProductInput } from '@relate/common';
import { App, Col, Form, Input, InputNumber, Row, Select, Switch, TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DictionarySelect } from '../../components/dictionaries';
import { FormDrawer } from '../../components/FormDrawer';
import { emptyToNull, useErrorReporter, useRequired } from '../../components/forms';
import { categoryTree, useProductCategories, useSaveProduct } from './queries';

type ProductValues = Body<typeof ProductInput>;

/** A decimal typed in a number field, as the exact string the API takes; empty stays empty. */
const decimal = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

/** Create or edit a product; prices are typed as exact decimals. */
export function ProductForm({
  product,
  open,
  onClose,
  defaultCategoryId,
}: {
  product?: Product;
  open: boolean;
  onClose: () => void;
  defaultCategoryId?: number;
}) {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductValues>();
  const reportError = useErrorReporter(form);
  const [saving, setSaving] = useState(false);
  const categories = useProductCategories();
  const saveProduct = useSaveProduct();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      product ?? { categoryId: defaultCategoryId, status: 'on_sale', taxRate: '13', trackStock: false },
    );
  }, [open, product, form, defaultCategoryId]);

  const save = async (values: ProductValues) => {
    setSaving(true);
    try {
      const body = emptyToNull({
        ...values,
        listPrice: String(values.listPrice),
        costPrice: decimal(values.costPrice),
        taxRate: String(values.taxRate),
        reorderLevel: decimal(values.reorderLevel),
      });
      await saveProduct.mutateAsync({ id: product?.id, body });
      message.success(t('common.saved'));
      onClose();
    } catch (error) {
      reportError(error);
    } finally {
      setSaving(false);
    }
  };

  const money = { min: '0', step: '0.01', precision: 2, stringMode: true, style: { width: '100%' } } as const;
  return (
    <FormDrawer
      title={product ? t('products.edit') : t('products.new')}
      open={open}
      onClose={onClose}
      onSave={() => form.submit()}
      saving={saving}
      saveTestId="product-save"
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="code" label={t('products.fields.code')} rules={required.text}>
              <Input maxLength={50} autoFocus data-testid="product-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="name" label={t('products.fields.name')} rules={required.text}>
              <Input maxLength={200} data-testid="product-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="categoryId" label={t('products.fields.category')}>
              <TreeSelect allowClear treeDefaultExpandAll treeData={categoryTree(categories.data ?? [])} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="unit" label={t('products.fields.unit')}>
              <DictionarySelect type="product_unit" allowClear />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="status" label={t('products.fields.status')}>
              <Select
                options={(['on_sale', 'discontinued'] as const).map((s) => ({
                  value: s,
                  label: t(`products.statuses.${s}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="specification" label={t('products.fields.specification')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="listPrice" label={t('products.fields.listPrice')} rules={required.value}>
              <InputNumber {...money} data-testid="product-price" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="costPrice" label={t('products.fields.costPrice')}>
              <InputNumber {...money} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="taxRate" label={t('products.fields.taxRate')}>
              <InputNumber min="0" max="100" step="1" stringMode addonAfter="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="taxCode" label={t('products.fields.taxCode')}>
              <Input maxLength={19} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="trackStock" label={t('products.fields.trackStock')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Form.Item noStyle shouldUpdate={(a, b) => a.trackStock !== b.trackStock}>
            {({ getFieldValue }) =>
              getFieldValue('trackStock') ? (
                <Col xs={12} md={6}>
                  <Form.Item
                    name="reorderLevel"
                    label={t('products.fields.reorderLevel')}
                    tooltip={t('products.reorderLevelHint')}
                  >
                    <InputNumber min="0" step="1" stringMode style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ) : null
            }
          </Form.Item>
          <Col span={24}>
            <Form.Item name="description" label={t('products.fields.description')}>
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
