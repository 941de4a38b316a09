import type { ReportChart, ReportColumn, ReportResult } from '@relate/common';
import type { ChartKind } from '@relate/common/report-chart';
import { cjkFont } from '../../platform/pdf-font.ts';
import { reportChartSvg } from './report-chart-svg.ts';
import type { ReportTexts } from './report-words.ts';

export type ReportPdfInput = {
  name: string;
  /** Who the figures are for, the company and the day: the line under the title. */
  subtitle: string;
  chart: ReportChart;
  result: ReportResult;
  texts: ReportTexts;
  fontFile?: string;
};

type Row = Record<string, string | number | null>;

const margin = 40;
const rowHeight = 18;
const cellPadding = 4;

/**
 * A report as a PDF: its name, who and when it is for, its chart (drawn by ECharts as the browser draws
 * it, as vectors) unless it is shown as a table, and its table with the totals, headings repeated on
 * each page, page numbers at the foot. A4, across when the table has more than five columns.
 */
export async function reportPdf({ name, subtitle, chart, result, texts, fontFile }: ReportPdfInput): Promise<Buffer> {
  const { t } = texts.words;
  // Loaded when a report is first printed: the PDF libraries cost an idle server about 25 MB.
  const [{ default: PDFDocument }, { default: SVGtoPDF }] = await Promise.all([
    import('pdfkit'),
    import('svg-to-pdfkit'),
  ]);
  const columns = result.columns;
  const doc = new PDFDocument({
    size: 'A4',
    layout: columns.length > 5 ? 'landscape' : 'portrait',
    margin,
    bufferPages: true,
    info: { Title: name, Author: 'Relate CRM' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', cjkFont(fontFile));
  doc.font('body');
  const width = doc.page.width - 2 * margin;

  doc.fontSize(16).fillColor('#000000').text(name, margin, margin, { width });
  doc.fontSize(9).fillColor('#666666').text(subtitle, { width });
  doc.moveDown();

  if (chart !== 'table' && chart !== 'pivot') {
    const height = chart === 'map' ? 320 : 240;
    const drawn = reportChartSvg(
      { result, kind: chart as ChartKind, title: texts.title, text: texts.text, locale: texts.words.locale },
      { width, height },
    );
    if ('svg' in drawn) {
      SVGtoPDF(doc, drawn.svg, margin, doc.y, { width, height, fontCallback: () => 'body' });
      doc.y += height + 12;
    } else {
      doc
        .fontSize(9)
        .fillColor('#666666')
        .text(t(`reports.${drawn.problem}`), margin, doc.y, { width });
      doc.moveDown();
    }
  }

  table(doc, columns, result, texts, width);
  if (result.truncated) {
    doc.moveDown(0.5);
    doc.fontSize(8).fillColor('#666666').text(t('reports.truncated'), margin, doc.y, { width });
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor('#888888')
      .text(t('reports.pdf.page', { n: i + 1, m: range.count }), margin, doc.page.height - 28, {
        width,
        align: 'center',
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/** The report's table: headings, rows and the totals row, columns as wide as their longest text allows. */
function table(
  doc: PDFKit.PDFDocument,
  columns: ReportColumn[],
  result: ReportResult,
  texts: ReportTexts,
  width: number,
) {
  const headings = columns.map((column) => texts.title(column));
  const cells = (row: Row) => columns.map((column) => texts.text(column, row));
  const body = result.rows.map((row) => cells(row as Row));
  const totals = columns.map((column, i) =>
    column.kind === 'group'
      ? i === 0
        ? texts.words.t('reports.total')
        : ''
      : texts.text(column, result.totals as Row),
  );
  doc.fontSize(9);
  // Each column as wide as its longest text, scaled down together to the page's width.
  const natural = columns.map((_, i) =>
    Math.max(
      ...[headings[i], totals[i], ...body.slice(0, 200).map((cells) => cells[i])].map((s) => doc.widthOfString(s)),
    ),
  );
  const wanted = natural.map((w) => Math.min(w, 220) + 2 * cellPadding);
  const scale = Math.min(1, width / wanted.reduce((sum, w) => sum + w, 0));
  const widths = wanted.map((w) => w * scale);
  const rightAligned = columns.map((column) => column.kind !== 'group' || column.type === 'number');

  const drawRow = (texts: string[], fill: string | null) => {
    if (doc.y + rowHeight > doc.page.height - margin - 16) {
      doc.addPage();
      drawRow(headings, '#f0f0f0');
    }
    const top = doc.y;
    if (fill) doc.rect(margin, top, width, rowHeight).fill(fill);
    doc.fillColor('#000000');
    let x = margin;
    texts.forEach((text, i) => {
      doc.text(text, x + cellPadding, top + 4, {
        width: widths[i] - 2 * cellPadding,
        height: rowHeight - 4,
        ellipsis: true,
        lineBreak: false,
        align: rightAligned[i] ? 'right' : 'left',
      });
      x += widths[i];
    });
    doc
      .moveTo(margin, top + rowHeight)
      .lineTo(margin + width, top + rowHeight)
      .lineWidth(0.5)
      .strokeColor('#d9d9d9')
      .stroke();
    doc.y = top + rowHeight;
  };
  drawRow(headings, '#f0f0f0');
  for (const row of body) drawRow(row, null);
  drawRow(totals, '#fafafa');
}
