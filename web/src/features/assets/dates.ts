import dayjs from 'dayjs';

export const day = (v: unknown) => (v ? (v as dayjs.Dayjs).format('YYYY-MM-DD') : null);
