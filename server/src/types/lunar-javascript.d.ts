// The part of lunar-javascript (which ships no types) that Relate uses.
declare module 'lunar-javascript' {
  interface Solar {
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    toYmd(): string;
    getLunar(): Lunar;
  }
  interface Lunar {
    getYear(): number;
    /** Negative for a leap month. */
    getMonth(): number;
    getDay(): number;
    getSolar(): Solar;
    getJieQi(): string;
  }
  interface LunarYear {
    /** The leap month's number, 0 when the year has none. */
    getLeapMonth(): number;
  }
  interface LunarMonth {
    getDayCount(): number;
  }
  const lunar: {
    Solar: { fromYmd(year: number, month: number, day: number): Solar };
    Lunar: { fromYmd(year: number, month: number, day: number): Lunar };
    LunarYear: { fromYear(year: number): LunarYear };
    LunarMonth: { fromYm(year: number, month: number): LunarMonth | null };
  };
  export default lunar;
}
