export type DayChoice = 'off' | 'on' | 'standard';

/**
 * What a click on a day of the working calendar may do, and what each choice records: making a working
 * day a day off (or the other way round) is offered only when it changes the day; a choice that agrees
 * with the standard calendar gives the day back to it rather than keep a company day that changes nothing.
 */
export function dayActions({ worked, standard, company }: { worked: boolean; standard: boolean; company: boolean }): {
  off: DayChoice | null;
  on: DayChoice | null;
  standard: boolean;
} {
  return {
    off: worked ? (standard ? 'off' : 'standard') : null,
    on: worked ? null : standard ? 'standard' : 'on',
    standard: company,
  };
}
