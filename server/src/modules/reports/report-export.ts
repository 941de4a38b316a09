import { type ReportPdfRequest, reportFileName } from '@relate/common';
import { dayjs } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { getSettings } from '../settings/index.ts';
import { reportPdf } from './report-pdf.ts';
import { reportTexts } from './report-words.ts';
import { runReport } from './reports.service.ts';

/**
 * A report as a PDF for the caller: run within their data scope and field rules, in their language,
 * under its name, with who and when it was made for.
 */
export async function reportPdfFor(
  ctx: AppContext,
  actor: Actor,
  request: ReportPdfRequest,
): Promise<{ fileName: string; pdf: Buffer }> {
  const result = await runReport(ctx, actor, request.definition);
  const texts = await reportTexts(ctx, actor, request.definition, result);
  const settings = await getSettings(ctx.db);
  const date = dayjs().tz(settings.timezone).format('YYYY-MM-DD');
  const subtitle = texts.words.t('reports.pdf.subtitle', {
    company: settings.companyName,
    user: actor.displayName,
    date,
  });
  const pdf = await reportPdf({
    name: request.name,
    subtitle,
    chart: request.chart,
    result,
    texts,
    fontFile: ctx.config.pdfFont,
  });
  return { fileName: reportFileName(request.name, date, 'pdf'), pdf };
}
