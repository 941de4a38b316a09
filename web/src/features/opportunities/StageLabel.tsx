import { useDictionaryLabel } from '../../components/dictionaries';

/** A pipeline stage by its sales-stage dictionary label in the reader's language. */
export function useStageLabel() {
  const label = useDictionaryLabel('sales_stage');
  return (code: string) => label(code) || code;
}
