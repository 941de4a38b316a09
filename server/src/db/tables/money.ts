import type { Generated } from 'kysely';
import type { Timestamps, Owned } from './columns.ts';

// Money: products and price books, quotes, approvals, orders and deliveries, instalments, receipts, invoices, contracts, stock.
// Columns in camelCase: CamelCasePlugin maps them to snake_case.

export type ProductCategoryTable = {
  id: Generated<number>;
  name: string;
  parentId: number | null;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
};

export type ProductTable = {
  id: Generated<number>;
  code: string;
  name: string;
  categoryId: number | null;
  unit: string | null;
  specification: string | null;
  /** Minor units. */
  listPrice: number;
  costPrice: number | null;
  /** Basis points: 1300 is 13 %. */
  taxRateBp: number;
  /** 税收分类编码 (19 digits), printed on its invoice lines. */
  taxCode: Generated<string | null>;
  currency: string;
  status: string;
  description: string | null;
  trackStock: number;
  reorderLevelMilli: number | null;
  searchText: string;
  createdBy: number | null;
  updatedBy: number | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deletedBy: number | null;
};

export type PriceBookTable = {
  id: Generated<number>;
  name: string;
  kind: string;
  customerLevel: string | null;
  customerId: number | null;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
  active: number;
  description: string | null;
  createdAt: string;
  updatedAt: string;
};

export type PriceBookEntryTable = { priceBookId: number; productId: number; price: number };

export type QuoteTable = Timestamps &
  Owned & {
    id: Generated<number>;
    number: string;
    /** The first version's id; every version of a quote shares it. */
    rootId: number | null;
    version: number;
    isLatest: number;
    title: string;
    customerId: number;
    contactId: number | null;
    opportunityId: number | null;
    currency: string;
    validUntil: string | null;
    status: string;
    discountBp: number;
    /** Minor units. */
    subtotal: number;
    discount: number;
    tax: number;
    /** What the customer pays: subtotal − discount + tax − pointsAmount. */
    total: number;
    /** Member points redeemed as an amount off (pointsAmount, minor units); an order holds them in the ledger. */
    pointsRedeemed: Generated<number>;
    pointsAmount: Generated<number>;
    terms: string | null;
    notes: string | null;
    sentAt: string | null;
    decidedAt: string | null;
    /** Of the latest approval request: pending, approved or rejected; null when none was needed or made. */
    approvalStatus: string | null;
  };

export type QuoteLineTable = {
  id: Generated<number>;
  quoteId: number;
  position: number;
  productId: number | null;
  productCode: string | null;
  name: string;
  description: string | null;
  unit: string | null;
  /** Exact decimal strings as entered. */
  quantity: string;
  unitPrice: string;
  discountBp: number;
  taxRateBp: number;
  net: number;
  tax: number;
  total: number;
};

export type ApprovalFlowTable = {
  id: Generated<number>;
  name: string;
  documentType: string;
  active: number;
  priority: number;
  conditions: string;
  steps: string;
  createdAt: string;
  updatedAt: string;
};

export type ApprovalRequestTable = {
  id: Generated<number>;
  documentType: string;
  documentId: number;
  title: string;
  amount: string | null;
  flowId: number;
  flowName: string;
  /** JSON copy of the flow's steps at submission, so a later change of the flow does not alter it. */
  steps: string;
  currentStep: number;
  status: string;
  submittedBy: number;
  submittedAt: string;
  decidedAt: string | null;
  comment: string | null;
};

export type ApprovalDecisionTable = {
  id: Generated<number>;
  requestId: number;
  step: number;
  approverId: number;
  decision: string;
  comment: string | null;
  decidedAt: string | null;
};

export type OrderTable = Timestamps &
  Owned & {
    id: Generated<number>;
    number: string;
    title: string;
    customerId: number;
    contactId: number | null;
    opportunityId: number | null;
    quoteId: number | null;
    currency: string;
    status: string;
    discountBp: number;
    subtotal: number;
    discount: number;
    tax: number;
    total: number;
    pointsRedeemed: Generated<number>;
    pointsAmount: Generated<number>;
    requestedDeliveryDate: string | null;
    shippingAddress: string | null;
    warehouseId: number | null;
    terms: string | null;
    notes: string | null;
    closeReason: string | null;
    approvedAt: string | null;
    closedAt: string | null;
  };

export type OrderLineTable = Omit<QuoteLineTable, 'quoteId'> & {
  orderId: number;
  quantityMilli: number;
  deliveredMilli: number;
};

export type DeliveryTable = {
  id: Generated<number>;
  orderId: number;
  number: string;
  deliveredOn: string;
  carrier: string | null;
  trackingNumber: string | null;
  recipient: string | null;
  notes: string | null;
  createdBy: number | null;
  createdAt: string;
};

export type DeliveryLineTable = {
  deliveryId: number;
  orderLineId: number;
  quantityMilli: number;
  revenueMinor: Generated<number>;
  costMinor: Generated<number>;
};

export type WarehouseTable = Timestamps & {
  id: Generated<number>;
  code: string;
  name: string;
  address: string | null;
  isDefault: number;
  active: number;
};

/** Quantities in thousandths of a unit; value in cents, so the weighted-average unit cost is value ÷ on hand. */
export type StockLevelTable = {
  productId: number;
  warehouseId: number;
  onHandMilli: number;
  reservedMilli: number;
  valueMinor: number;
  updatedAt: string;
};

export type StockMovementTable = {
  id: Generated<number>;
  productId: number;
  warehouseId: number;
  kind: string;
  quantityMilli: number;
  valueMinor: number;
  orderId: number | null;
  deliveryId: number | null;
  reason: string | null;
  createdBy: number | null;
  createdAt: string;
};

export type StockReservationTable = {
  orderLineId: number;
  productId: number;
  warehouseId: number;
  quantityMilli: number;
};

export type InstalmentTable = {
  id: Generated<number>;
  orderId: number;
  customerId: number;
  seq: number;
  dueDate: string;
  amount: number;
  received: number;
  currency: string;
  ownerId: number | null;
  departmentId: number | null;
  createdAt: string;
  updatedAt: string;
};

export type ReceiptTable = {
  id: Generated<number>;
  number: string;
  customerId: number;
  receivedOn: string;
  /** Minor units; negative for a refund. */
  amount: number;
  currency: string;
  method: string;
  payer: string | null;
  bankAccount: string | null;
  reference: string | null;
  notes: string | null;
  status: string;
  /** Allowed to pay more than an instalment's outstanding amount. */
  overpayment: number;
  /** For refunds: pending, approved or rejected; null for money received. */
  approvalStatus: string | null;
  confirmedBy: number | null;
  confirmedAt: string | null;
  ownerId: number | null;
  departmentId: number | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

export type ReceiptAllocationTable = { receiptId: number; instalmentId: number; amount: number };

export type InvoiceTable = {
  id: Generated<number>;
  type: string;
  number: string;
  issuedOn: string;
  customerId: number;
  orderId: number | null;
  /** Minor units, tax included. */
  amount: number;
  tax: number;
  currency: string;
  buyerTitle: string;
  buyerTaxId: string | null;
  buyerAddressPhone: string | null;
  buyerBankAccount: string | null;
  status: string;
  cancelReason: string | null;
  notes: string | null;
  /** A red-letter invoice (negative amounts): the invoice it offsets. */
  redOfId: Generated<number | null>;
  redReason: Generated<string | null>;
  /** The invoice request it was issued for. */
  requestId: Generated<number | null>;
  ownerId: number | null;
  departmentId: number | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

export type ContractTable = Timestamps &
  Owned & {
    id: Generated<number>;
    number: string;
    name: string;
    customerId: number;
    opportunityId: number | null;
    orderId: number | null;
    /** The contract this one renews. */
    previousId: number | null;
    category: string | null;
    amount: number;
    currency: string;
    signedOn: string | null;
    startsOn: string;
    endsOn: string;
    ourSignatory: string | null;
    customerSignatory: string | null;
    terms: string | null;
    renewalRemindDays: number;
    status: string;
    closeReason: string | null;
  };

export type MoneyTables = {
  productCategories: ProductCategoryTable;
  products: ProductTable;
  priceBooks: PriceBookTable;
  priceBookEntries: PriceBookEntryTable;
  quotes: QuoteTable;
  quoteLines: QuoteLineTable;
  approvalFlows: ApprovalFlowTable;
  approvalRequests: ApprovalRequestTable;
  approvalDecisions: ApprovalDecisionTable;
  orders: OrderTable;
  orderLines: OrderLineTable;
  deliveries: DeliveryTable;
  deliveryLines: DeliveryLineTable;
  instalments: InstalmentTable;
  receipts: ReceiptTable;
  receiptAllocations: ReceiptAllocationTable;
  invoices: InvoiceTable;
  contracts: ContractTable;
  warehouses: WarehouseTable;
  stockLevels: StockLevelTable;
  stockMovements: StockMovementTable;
  stockReservations: StockReservationTable;
};
