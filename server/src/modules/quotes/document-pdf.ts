import { amountInChineseCapitals, type Locale, type QuoteLine, type Settings, toMinorUnits } from '@relate/common';
import dayjs from 'dayjs';
import { cjkFont } from '../../platform/pdf-font.ts';

const titles = {
  'zh-CN': { quote: ['报价单', '报价单号'], order: ['销售订单', '订单号'] },
  en: { quote: ['Quotation', 'Quote no.'], order: ['Sales order', 'Order no.'] },
} as const;

const words = {
  'zh-CN': {
    date: '日期',
    validUntil: '有效期至',
    deliveryDate: '交货日期',
    shippingAddress: '收货地址',
    customer: '客户',
    contact: '联系人',
    item: '产品/服务',
    quantity: '数量',
    unit: '单位',
    unitPrice: '单价',
    discount: '折扣',
    tax: '税率',
    amount: '金额',
    subtotal: '小计',
    documentDiscount: '整单折扣',
    points: '积分抵扣',
    taxTotal: '税额',
    total: '合计',
    terms: '条款',
    bank: '收款账户',
    page: '第 {n} / {m} 页',
    version: '版本',
    address: '地址',
    phone: '电话',
    taxNumber: '税号',
    inWords: '合计金额（大写）',
    seller: '供方（盖章）',
    buyer: '需方（盖章）',
    signature: '授权代表签字',
    signedOn: '日期',
  },
  en: {
    date: 'Date',
    validUntil: 'Valid until',
    deliveryDate: 'Delivery date',
    shippingAddress: 'Ship to',
    customer: 'Customer',
    contact: 'Contact',
    item: 'Item',
    quantity: 'Qty',
    unit: 'Unit',
    unitPrice: 'Unit price',
    discount: 'Disc.',
    tax: 'Tax',
    amount: 'Amount',
    subtotal: 'Subtotal',
    documentDiscount: 'Discount',
    points: 'Points redeemed',
    taxTotal: 'Tax',
    total: 'Total',
    terms: 'Terms',
    bank: 'Bank account',
    page: 'Page {n} of {m}',
    version: 'Version',
    address: 'Address',
    phone: 'Phone',
    taxNumber: 'Tax no.',
    inWords: '',
    seller: 'Seller (seal)',
    buyer: 'Buyer (seal)',
    signature: 'Authorised signature',
    signedOn: 'Date',
  },
} as const;

type Column = { key: string; width: number; align: 'left' | 'right' };

/** What a printed quote or order shows. */
export type PrintedDocument = {
  kind: 'quote' | 'order';
  number: string;
  /** A quote's version, printed from the second one on. */
  version?: number;
  /** The day it is dated (a quote: when sent; an order: when made). */
  date: string;
  validUntil?: string | null;
  deliveryDate?: string | null;
  shippingAddress?: string | null;
  customerName: string;
  contactName: string | null;
  title: string;
  currency: string;
  lines: Array<
    Pick<
      QuoteLine,
      | 'position'
      | 'productCode'
      | 'name'
      | 'description'
      | 'quantity'
      | 'unit'
      | 'unitPrice'
      | 'discountPercent'
      | 'taxRate'
      | 'net'
    >
  >;
  subtotal: string;
  discount: string;
  discountPercent: string;
  tax: string;
  total: string;
  /** Member points taken off the total (its amount and how many points). */
  pointsAmount?: string;
  pointsRedeemed?: number;
  terms: string | null;
};

/** The fields a quote and an order share, as printed (the caller adds kind, date and what is its own). */
export function printedDocumentOf(
  d: Omit<PrintedDocument, 'kind' | 'date'> & { contactName: string | null },
): Omit<PrintedDocument, 'kind' | 'date'> {
  return {
    number: d.number,
    customerName: d.customerName,
    contactName: d.contactName,
    title: d.title,
    currency: d.currency,
    lines: d.lines,
    subtotal: d.subtotal,
    discount: d.discount,
    discountPercent: d.discountPercent,
    tax: d.tax,
    total: d.total,
    pointsAmount: d.pointsAmount,
    pointsRedeemed: d.pointsRedeemed,
    terms: d.terms,
  };
}

/**
 * A quote or order as an A4 PDF in the given language, with the company's logo, name, address, phone, tax
 * number and bank accounts from the settings, the lines with their units, the total in Chinese capitals on
 * a Chinese document in yuan, and room for both sides' signatures and seals; the Chinese font is embedded
 * (only the glyphs used).
 */
export async function renderDocumentPdf(
  quote: PrintedDocument,
  settings: Settings,
  locale: Locale,
  options: { fontFile?: string; logo?: Buffer | null; unitLabel?: (code: string) => string } = {},
): Promise<Buffer> {
  const [title, numberLabel] = titles[locale][quote.kind];
  const w = { ...words[locale], title, number: numberLabel };
  const money = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: quote.currency,
    minimumFractionDigits: 2,
  });
  const amount = (value: string) => money.format(Number(value));
  // Loaded when a quote is first printed: the PDF library costs an idle server about 25 MB.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    bufferPages: true,
    info: { Title: `${w.title} ${quote.number}`, Author: settings.companyName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', cjkFont(options.fontFile));
  doc.font('body');
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  let top = 48;
  if (options.logo) {
    doc.image(options.logo, left, top, { fit: [160, 48] });
    top += 56;
  }
  doc.fontSize(18).text(settings.companyName, left, top);
  const seller = [
    [w.address, settings.companyAddress],
    [w.phone, settings.companyPhone],
    [w.taxNumber, settings.companyTaxNumber],
  ].filter(([, value]) => value);
  if (seller.length)
    doc
      .fontSize(8)
      .fillColor('#555555')
      .text(seller.map(([label, value]) => `${label}: ${value}`).join('    '), { width })
      .fillColor('black');
  doc.fontSize(14).fillColor('#1677ff').text(w.title, { align: 'right' }).fillColor('black');
  doc.moveDown(0.5).fontSize(9);
  const meta: Array<[string, string]> = [
    [w.number, (quote.version ?? 1) > 1 ? `${quote.number} (${w.version} ${quote.version})` : quote.number],
    [w.date, dayjs(quote.date).tz(settings.timezone).format('YYYY-MM-DD')],
    ...(quote.kind === 'quote' ? [[w.validUntil, quote.validUntil ?? '-'] as [string, string]] : []),
    ...(quote.deliveryDate ? [[w.deliveryDate, quote.deliveryDate] as [string, string]] : []),
    [w.customer, quote.customerName],
    [w.contact, quote.contactName ?? '-'],
    ...(quote.shippingAddress ? [[w.shippingAddress, quote.shippingAddress] as [string, string]] : []),
  ];
  for (const [label, value] of meta) doc.text(`${label}: ${value}`);
  doc.moveDown();
  doc.fontSize(11).text(quote.title);
  doc.moveDown(0.5);

  const columns: Column[] = [
    { key: '#', width: 24, align: 'left' },
    { key: w.item, width: width - 24 - 50 - 36 - 80 - 44 - 40 - 85, align: 'left' },
    { key: w.quantity, width: 50, align: 'right' },
    { key: w.unit, width: 36, align: 'left' },
    { key: w.unitPrice, width: 80, align: 'right' },
    { key: w.discount, width: 44, align: 'right' },
    { key: w.tax, width: 40, align: 'right' },
    { key: w.amount, width: 85, align: 'right' },
  ];
  const header = columns.map((c) => c.key);
  const row = (cells: string[], bold = false) => {
    const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i].width - 6 }));
    const height = Math.max(...heights) + 6;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom - 20) {
      // A table that runs over a page starts again with its header.
      doc.addPage();
      if (!bold) row(header, true);
    }
    const top = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      doc.text(cell, x + 3, top + 3, { width: columns[i].width - 6, align: columns[i].align });
      x += columns[i].width;
    });
    doc
      .moveTo(left, top + height)
      .lineTo(left + width, top + height)
      .lineWidth(bold ? 1 : 0.3)
      .strokeColor('#999999')
      .stroke();
    doc.x = left;
    doc.y = top + height;
  };
  doc.fontSize(9);
  row(header, true);
  for (const line of quote.lines) {
    const name = [line.productCode ? `${line.productCode} ${line.name}` : line.name, line.description]
      .filter(Boolean)
      .join('\n');
    row([
      String(line.position),
      name,
      line.quantity,
      line.unit ? (options.unitLabel?.(line.unit) ?? line.unit) : '',
      amount(line.unitPrice),
      line.discountPercent === '0' ? '' : `${line.discountPercent}%`,
      `${line.taxRate}%`,
      amount(line.net),
    ]);
  }
  doc.moveDown(0.5);
  const totals: Array<[string, string]> = [
    [w.subtotal, amount(quote.subtotal)],
    ...(quote.discount !== '0.00'
      ? [[`${w.documentDiscount} (${quote.discountPercent}%)`, `-${amount(quote.discount)}`] as [string, string]]
      : []),
    [w.taxTotal, amount(quote.tax)],
    ...(quote.pointsAmount && quote.pointsAmount !== '0.00'
      ? [[`${w.points} (${quote.pointsRedeemed})`, `-${amount(quote.pointsAmount)}`] as [string, string]]
      : []),
    [w.total, amount(quote.total)],
  ];
  for (const [label, value] of totals) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
    const top = doc.y;
    doc.fontSize(label === w.total ? 11 : 9).text(label, left + width - 260, top, { width: 150, align: 'right' });
    doc.text(value, left + width - 110, top, { width: 110, align: 'right' });
    doc.x = left;
  }
  doc.fontSize(9).moveDown();
  if (w.inWords && quote.currency === 'CNY') {
    doc.text(`${w.inWords}: ${amountInChineseCapitals(toMinorUnits(quote.total))}`, left, undefined, { width });
    doc.moveDown();
  }
  if (quote.terms) {
    doc.text(`${w.terms}:`, left).text(quote.terms, { width });
    doc.moveDown();
  }
  for (const account of settings.bankAccounts)
    doc.text(`${w.bank}: ${account.bankName} · ${account.accountName} · ${account.accountNumber}`, left, undefined, {
      width,
    });

  signatureArea(doc, w, left, width);

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor('#888888')
      .text(w.page.replace('{n}', String(i + 1)).replace('{m}', String(range.count)), left, doc.page.height - 30, {
        width,
        align: 'center',
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/** Two boxes side by side for the seller's and the buyer's seal, signature and date. */
function signatureArea(doc: PDFKit.PDFDocument, w: (typeof words)[Locale], left: number, width: number) {
  const height = 90;
  doc.moveDown(1.5);
  if (doc.y + height > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
  const top = doc.y;
  const boxWidth = (width - 24) / 2;
  for (const [i, party] of [w.seller, w.buyer].entries()) {
    const x = left + i * (boxWidth + 24);
    doc.rect(x, top, boxWidth, height).lineWidth(0.5).strokeColor('#999999').stroke();
    doc.fontSize(9).text(party, x + 8, top + 8, { width: boxWidth - 16 });
    doc.text(`${w.signature}:`, x + 8, top + height - 40, { width: boxWidth - 16 });
    doc.text(`${w.signedOn}:`, x + 8, top + height - 20, { width: boxWidth - 16 });
  }
  doc.x = left;
  doc.y = top + height;
}
