import type { Pipeline } from '@relate/common';
import { useSession } from '../../app/session';

/** A pipeline's name in the reader's language: its English name when the reader reads English and it has one. */
export function usePipelineName() {
  const { locale } = useSession();
  return (pipeline: Pick<Pipeline, 'name' | 'nameEn'>) =>
    locale === 'en' && pipeline.nameEn ? pipeline.nameEn : pipeline.name;
}
