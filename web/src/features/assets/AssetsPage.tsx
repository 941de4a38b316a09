import { PlusOutlined } from '@ant-design/icons';
import type { Asset, Page, ServiceContract } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { useSession } from '../../app/session';
import { CustomerPicker } from '../../components/CustomerPicker';
import { emptyToNull, useErrorReporter } from '../../components/forms';
import { Allowance, useCustomerAssets } from './shared';

const day = (v: unknown) => (v ? (v as dayjs.Dayjs).format('YYYY-MM-DD') : null);

function AssetDialog({ asset, onClose }: { asset: Asset | null | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  useEffect(() => {
    if (asset === undefined) return;
    form.resetFields();
    if (asset)
      form.setFieldsValue({
        ...asset,
        purchasedOn: asset.purchasedOn ? dayjs(asset.purchasedOn) : null,
        warrantyEndsOn: asset.warrantyEndsOn ? dayjs(asset.warrantyEndsOn) : null,
      });
  }, [asset, form]);
  const save = async (v: Record<string, unknown>) => {
    try {
      const body = emptyToNull({ ...v, purchasedOn: day(v.purchasedOn), warrantyEndsOn: day(v.warrantyEndsOn) });
      if (asset) await api.patch(`/api/v1/assets/${asset.id}`, { ...body, customerId: undefined });
      else await api.post('/api/v1/assets', body);
      void queryClient.invalidateQueries({ queryKey: ['assets'] });
      onClose();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Modal
      open={asset !== undefined}
      title={asset ? t('assets.edit') : t('assets.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'asset-save' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Row gutter={16}>
          {!asset && (
            <Col span={24}>
              <Form.Item
                name="customerId"
                label={t('assets.fields.customer')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <CustomerPicker />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('assets.fields.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input maxLength={200} data-testid="asset-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="serialNumber" label={t('assets.fields.serialNumber')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="purchasedOn" label={t('assets.fields.purchasedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="warrantyEndsOn" label={t('assets.fields.warrantyEndsOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="location" label={t('assets.fields.location')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t('assets.fields.notes')}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function AssetsTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<{ page: number; q?: string; underWarranty?: string }>({ page: 1 });
  const [editing, setEditing] = useState<Asset | null | undefined>(undefined);
  const { data, isFetching } = useQuery({
    queryKey: ['assets', filters],
    queryFn: () => api.get<Page<Asset>>('/api/v1/assets', { ...filters, pageSize: 20 }),
    placeholderData: (p) => p,
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {can('assets.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="asset-new">
            {t('assets.new')}
          </Button>
        )}
        <Input.Search
          allowClear
          placeholder={t('assets.searchPlaceholder')}
          onSearch={(q) => setFilters({ page: 1, q: q || undefined, underWarranty: filters.underWarranty })}
          style={{ width: 260 }}
        />
        <Segmented
          value={filters.underWarranty ?? 'all'}
          onChange={(v) => setFilters({ ...filters, page: 1, underWarranty: v === 'all' ? undefined : String(v) })}
          options={[
            { value: 'all', label: t('assets.all') },
            { value: 'true', label: t('assets.inWarranty') },
            { value: 'false', label: t('assets.outOfWarranty') },
          ]}
        />
      </Space>
      <Table<Asset>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('assets.empty') }}
        pagination={{
          current: filters.page,
          pageSize: 20,
          total: data?.total ?? 0,
          onChange: (page) => setFilters({ ...filters, page }),
        }}
        columns={[
          { title: t('assets.fields.name'), dataIndex: 'name' },
          { title: t('assets.fields.serialNumber'), dataIndex: 'serialNumber', render: (v: string | null) => v ?? '-' },
          {
            title: t('assets.fields.customer'),
            dataIndex: 'customerName',
            render: (v: string, a) => <Link to={`/customers/${a.customerId}`}>{v}</Link>,
          },
          { title: t('assets.fields.location'), dataIndex: 'location', render: (v: string | null) => v ?? '-' },
          {
            title: t('assets.fields.warrantyEndsOn'),
            dataIndex: 'warrantyEndsOn',
            render: (v: string | null, a) => (v ? <Tag color={a.underWarranty ? 'green' : 'default'}>{v}</Tag> : '-'),
          },
          ...(can('assets.manage')
            ? [
                {
                  key: 'actions',
                  render: (_: unknown, a: Asset) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(a)}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('common.deleteConfirm')}
                        onConfirm={() =>
                          api
                            .delete(`/api/v1/assets/${a.id}`)
                            .then(() => queryClient.invalidateQueries({ queryKey: ['assets'] }))
                        }
                      >
                        <Button size="small" danger>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <AssetDialog asset={editing} onClose={() => setEditing(undefined)} />
    </>
  );
}

function ContractDialog({ contract, onClose }: { contract: ServiceContract | null | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const customerId: number | undefined = Form.useWatch('customerId', form);
  const assets = useCustomerAssets(customerId);
  useEffect(() => {
    if (contract === undefined) return;
    form.resetFields();
    if (contract)
      form.setFieldsValue({
        ...contract,
        period: [dayjs(contract.startsOn), dayjs(contract.endsOn)],
        hours: contract.minutesIncluded === null ? null : contract.minutesIncluded / 60,
      });
  }, [contract, form]);
  const save = async (v: Record<string, unknown>) => {
    const [start, end] = v.period as [dayjs.Dayjs, dayjs.Dayjs];
    const body = emptyToNull({
      name: v.name,
      customerId: v.customerId,
      startsOn: day(start),
      endsOn: day(end),
      visitsIncluded: v.visitsIncluded ?? null,
      minutesIncluded: v.hours === null || v.hours === undefined ? null : Math.round(Number(v.hours) * 60),
      responseMinutes: v.responseMinutes ?? null,
      assetIds: v.assetIds ?? [],
      notes: v.notes,
    });
    try {
      if (contract) await api.put(`/api/v1/service-contracts/${contract.id}`, body);
      else await api.post('/api/v1/service-contracts', body);
      void queryClient.invalidateQueries({ queryKey: ['service-contracts'] });
      onClose();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Modal
      open={contract !== undefined}
      title={contract ? t('assets.editContract') : t('assets.newContract')}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={680}
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item
              name="name"
              label={t('assets.fields.contractName')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="customerId"
              label={t('assets.fields.customer')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <CustomerPicker
                initial={contract ? { id: contract.customerId, name: contract.customerName } : undefined}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="period"
              label={t('assets.fields.period')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="visitsIncluded" label={t('assets.fields.visitsIncluded')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="hours" label={t('assets.fields.hoursIncluded')}>
              <InputNumber min={0} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item
              name="responseMinutes"
              label={t('assets.fields.responseMinutes')}
              extra={t('assets.responseHint')}
            >
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="assetIds" label={t('assets.fields.coveredAssets')} extra={t('assets.coveredHint')}>
              <Select
                mode="multiple"
                allowClear
                disabled={!customerId}
                options={(assets.data?.items ?? []).map((a) => ({
                  value: a.id,
                  label: `${a.name}${a.serialNumber ? ` (${a.serialNumber})` : ''}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t('assets.fields.notes')}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function ContractsTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<ServiceContract | null | undefined>(undefined);
  const { data, isFetching } = useQuery({
    queryKey: ['service-contracts', page],
    queryFn: () => api.get<Page<ServiceContract>>('/api/v1/service-contracts', { page, pageSize: 20 }),
    placeholderData: (p) => p,
  });
  const colors = { upcoming: 'blue', active: 'green', expired: 'default' } as const;
  return (
    <>
      {can('assets.manage') && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 16 }} onClick={() => setEditing(null)}>
          {t('assets.newContract')}
        </Button>
      )}
      <Table<ServiceContract>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('assets.noContracts') }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('assets.fields.contractName'), dataIndex: 'name' },
          {
            title: t('assets.fields.customer'),
            dataIndex: 'customerName',
            render: (v: string, c) => <Link to={`/customers/${c.customerId}`}>{v}</Link>,
          },
          { title: t('assets.fields.period'), key: 'period', render: (_, c) => `${c.startsOn} ~ ${c.endsOn}` },
          {
            title: t('assets.fields.status'),
            dataIndex: 'status',
            render: (s: ServiceContract['status']) => <Tag color={colors[s]}>{t(`assets.statuses.${s}`)}</Tag>,
          },
          {
            title: t('assets.fields.visitsIncluded'),
            key: 'visits',
            render: (_, c) => (
              <Allowance used={c.visitsUsed} included={c.visitsIncluded} unit={t('assets.visitsUnit')} />
            ),
          },
          {
            title: t('assets.fields.hoursIncluded'),
            key: 'hours',
            render: (_, c) => (
              <Allowance
                used={Math.round((c.minutesUsed / 60) * 10) / 10}
                included={c.minutesIncluded === null ? null : c.minutesIncluded / 60}
                unit="h"
              />
            ),
          },
          {
            title: t('assets.fields.responseMinutes'),
            dataIndex: 'responseMinutes',
            render: (v: number | null) => v ?? '-',
          },
          ...(can('assets.manage')
            ? [
                {
                  key: 'actions',
                  render: (_: unknown, c: ServiceContract) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(c)}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('common.deleteConfirm')}
                        onConfirm={() =>
                          api
                            .delete(`/api/v1/service-contracts/${c.id}`)
                            .then(() => queryClient.invalidateQueries({ queryKey: ['service-contracts'] }))
                        }
                      >
                        <Button size="small" danger>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ContractDialog contract={editing} onClose={() => setEditing(undefined)} />
    </>
  );
}

/** 设备与服务合同: the installed base and the service contracts that cover it. */
export function AssetsPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('nav.assets')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'assets', label: t('assets.tabs.assets'), children: <AssetsTab /> },
          { key: 'contracts', label: t('assets.tabs.contracts'), children: <ContractsTab /> },
        ]}
      />
    </Card>
  );
}
