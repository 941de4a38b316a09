import { QuoteEditorPage } from '../quotes/QuoteEditorPage';

/** A sales order is written with the quote editor: same header, lines and exact totals. */
export function OrderEditorPage() {
  return <QuoteEditorPage kind="order" />;
}
