export { quotesRoutes } from './quotes.routes.ts';
export { expireQuotes, quotesOwnership } from './quotes.service.ts';
export { quoteApprovable } from './quote-approvable.ts';
export { assertParties, figuresOrFieldError, getQuote, repricePatched } from './quotes.service.ts';
export { lessPoints, lineInputs, priceLines, toDocumentHead, toDocumentTotals, toLine } from './quote-lines.ts';
export { listQuotes } from './quotes.service.ts';
export { quoteLabels } from './quotes.labels.ts';
export { documentPdf } from './quotes.service.ts';
export { type PrintedDocument, printedDocumentOf } from './document-pdf.ts';
