import { z } from 'zod';
import { RecordId } from './common.ts';
import { locales } from '../locale.ts';

/** An IANA time zone name the runtime knows (Asia/Shanghai, UTC …). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const isoCurrencies = new Set(Intl.supportedValuesOf('currency'));
/** An ISO 4217 currency code the runtime knows (CNY, USD …). */
export const isCurrencyCode = (code: string) => isoCurrencies.has(code);

const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'unknownCurrency')
  .refine(isCurrencyCode, 'unknownCurrency');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalidTime');

export const Currency = z.object({
  code: currencyCode,
  name: z.string().trim().min(1).max(50),
  /** Units of this currency per one unit of the default currency, as an exact decimal string (never zero). */
  rate: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,8})?$/)
    .refine((rate) => /[1-9]/.test(rate), 'mustBePositive'),
});
export const TaxRate = z.object({
  name: z.string().trim().min(1).max(50),
  /** Percent as an exact decimal string, e.g. "13" or "6.5". */
  rate: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,4})?$/)
    .refine((rate) => Number(rate) <= 100, 'invalidPercent'),
});
export const BankAccount = z.object({
  bankName: z.string().trim().min(1).max(100),
  accountName: z.string().trim().min(1).max(100),
  accountNumber: z.string().trim().min(1).max(50),
});

const SettingsFields = z.object({
  companyName: z.string().trim().min(1).max(200),
  /** The seller's details printed on quotes and orders ('' when not given). */
  companyAddress: z.string().trim().max(300),
  companyPhone: z.string().trim().max(50),
  /** 统一社会信用代码 / taxpayer id: 15 to 20 letters and digits. */
  companyTaxNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([0-9A-Z]{15,20})?$/, 'invalidTaxId'),
  defaultLocale: z.enum(locales),
  timezone: z.string().trim().min(1).max(64).refine(isTimeZone, 'unknownTimeZone'),
  defaultCurrency: currencyCode,
  passwordMinLength: z.number().int().min(6).max(64),
  passwordRequireLettersAndDigits: z.boolean(),
  captchaAfterFailures: z.number().int().min(1).max(100),
  lockAfterFailures: z.number().int().min(1).max(100),
  lockMinutes: z.number().int().min(1).max(1440),
  sessionHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90),
  recycleBinDays: z.number().int().min(1).max(3650),
  attachmentMaxMb: z.number().int().min(1).max(200),
  currencies: z.array(Currency).max(50),
  taxRates: z.array(TaxRate).max(50),
  bankAccounts: z.array(BankAccount).max(20),
  /** Public pool: 0 turns a limit or rule off. */
  poolMaxCustomersPerRep: z.number().int().min(0).max(100000),
  poolMaxClaimsPerDay: z.number().int().min(0).max(10000),
  poolReturnNoFollowupDays: z.number().int().min(0).max(3650),
  poolReturnNoDealDays: z.number().int().min(0).max(3650),
  poolWarnDaysBefore: z.number().int().min(0).max(365),
  /** Document numbers: {YYYY}, {YY}, {MM}, {DD} and {SEQ3}…{SEQ6} (a counter per prefix, zero-padded). */
  quoteNumberFormat: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/\{SEQ[3-6]\}/, 'numberFormatNeedsSeq'),
  orderNumberFormat: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/\{SEQ[3-6]\}/, 'numberFormatNeedsSeq'),
  contractNumberFormat: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/\{SEQ[3-6]\}/, 'numberFormatNeedsSeq'),
  receiptNumberFormat: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/\{SEQ[3-6]\}/, 'numberFormatNeedsSeq'),
  roundingRule: z.enum(['half_up', 'half_even']),
  quoteValidDays: z.number().int().min(1).max(365),
  /** Light inventory: products marked "track stock" are reserved at order approval and taken from a warehouse on delivery. */
  stockTracking: z.boolean(),
  ticketNumberFormat: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/\{SEQ[3-6]\}/, 'numberFormatNeedsSeq'),
  /** The business calendar SLA clocks run on: working weekdays (1 Monday … 7 Sunday) and hours in the company's time zone. */
  businessDays: z
    .array(z.number().int().min(1).max(7))
    .min(1)
    .max(7)
    .refine((days) => new Set(days).size === days.length, 'duplicateValues'),
  businessStart: clockTime,
  businessEnd: clockTime,
  /** China's statutory holidays and the weekend days worked instead (调休) count, for the years whose schedule is known. */
  statutoryCalendar: z.boolean(),
  /** The company's own days off, and days worked, over the weekdays and the statutory calendar. */
  holidays: z.array(z.iso.date()).max(400),
  extraWorkdays: z.array(z.iso.date()).max(400),
  /** How a new ticket finds its agent when none is named. */
  ticketRouting: z.enum(['manual', 'round_robin', 'least_busy']),
  /** Customers of these levels are VIP: their tickets come first and go to the VIP agents when there are any. */
  vipCustomerLevels: z.array(z.string().max(50)).max(20),
  vipAgentIds: z.array(RecordId).max(100),
  /** Resolved tickets wait for a callback to the customer before they close. */
  ticketCallbacks: z.boolean(),
  /** The public web form (with a captcha) that opens tickets from the company's website. */
  webFormEnabled: z.boolean(),
  /** The survey emailed to the contact when a ticket is resolved (none: no survey). */
  ticketSurveyId: RecordId.nullable(),
  /** How many archives DATA_DIR/backups keeps; older ones are deleted after each new backup. */
  backupsKept: z.number().int().min(1).max(365),
});

type SettingsShape = z.infer<typeof SettingsFields>;

/** Rules between settings; each names the field the user has to change. */
export function settingsConflicts(settings: SettingsShape): Array<{ field: keyof SettingsShape; message: string }> {
  const conflicts: Array<{ field: keyof SettingsShape; message: string }> = [];
  const codes = settings.currencies.map((c) => c.code);
  if (new Set(codes).size !== codes.length) conflicts.push({ field: 'currencies', message: 'duplicateValues' });
  const base = settings.currencies.find((c) => c.code === settings.defaultCurrency);
  if (settings.currencies.length && !base) conflicts.push({ field: 'defaultCurrency', message: 'currencyNotListed' });
  else if (base && Number(base.rate) !== 1) conflicts.push({ field: 'currencies', message: 'defaultCurrencyRateOne' });
  if (settings.businessStart >= settings.businessEnd)
    conflicts.push({ field: 'businessEnd', message: 'endBeforeStart' });
  return conflicts;
}

/** Every setting, each checked for what it means (a real time zone, a known currency, an id a column can hold …). */
export const Settings = SettingsFields.superRefine((settings, context) => {
  for (const { field, message } of settingsConflicts(settings))
    context.addIssue({ code: 'custom', path: [field], message });
});
export type Settings = z.infer<typeof Settings>;
/** A change of some settings: each value is checked here, the rules between them once merged with the rest; a name that is no setting is refused, not ignored. */
export const SettingsPatch = SettingsFields.partial().strict();
/** The fields of the settings one by one, to keep every stored value that is still good. */
export const settingsFieldSchemas = SettingsFields.shape;

export const defaultSettings: Settings = {
  companyName: 'Relate',
  companyAddress: '',
  companyPhone: '',
  companyTaxNumber: '',
  defaultLocale: 'zh-CN',
  timezone: 'Asia/Shanghai',
  defaultCurrency: 'CNY',
  passwordMinLength: 8,
  passwordRequireLettersAndDigits: true,
  captchaAfterFailures: 3,
  lockAfterFailures: 10,
  lockMinutes: 15,
  sessionHours: 24 * 7,
  recycleBinDays: 30,
  attachmentMaxMb: 20,
  currencies: [
    { code: 'CNY', name: '人民币', rate: '1' },
    { code: 'USD', name: 'US Dollar', rate: '0.14' },
  ],
  taxRates: [
    { name: '13%', rate: '13' },
    { name: '9%', rate: '9' },
    { name: '6%', rate: '6' },
    { name: '0%', rate: '0' },
  ],
  bankAccounts: [],
  poolMaxCustomersPerRep: 0,
  poolMaxClaimsPerDay: 0,
  poolReturnNoFollowupDays: 0,
  poolReturnNoDealDays: 0,
  poolWarnDaysBefore: 3,
  quoteNumberFormat: 'Q{YYYY}{MM}-{SEQ4}',
  orderNumberFormat: 'SO{YYYY}{MM}-{SEQ4}',
  contractNumberFormat: 'HT{YYYY}-{SEQ4}',
  receiptNumberFormat: 'R{YYYY}{MM}-{SEQ4}',
  roundingRule: 'half_up',
  quoteValidDays: 30,
  stockTracking: false,
  ticketNumberFormat: 'T{YYYY}{MM}-{SEQ5}',
  businessDays: [1, 2, 3, 4, 5],
  businessStart: '09:00',
  businessEnd: '18:00',
  statutoryCalendar: true,
  holidays: [],
  extraWorkdays: [],
  ticketRouting: 'least_busy',
  vipCustomerLevels: ['A'],
  vipAgentIds: [],
  ticketCallbacks: true,
  webFormEnabled: false,
  ticketSurveyId: null,
  backupsKept: 14,
};

/** The outgoing mail server; the password is written, never read back. */
export const MailSettingsInput = z.object({
  host: z.string().trim().min(1).max(200),
  port: z.number().int().min(1).max(65535),
  /** TLS from the start (usually port 465); otherwise STARTTLS is used when the server offers it. */
  secure: z.boolean(),
  username: z.string().trim().max(200).nullish(),
  /** Left out: keep the stored password; null: remove it. */
  password: z.string().max(200).nullish(),
  from: z.email().max(200),
  fromName: z.string().trim().max(100).nullish(),
  /**
   * Where campaign messages' bounces go (the envelope sender, seen as Return-Path): a mailbox connected in
   * Relate, whose sync reads the delivery reports. Empty: bounces go to the From address.
   */
  bounceAddress: z.email().max(200).nullish(),
  /** DKIM signing of campaign mail: the signing domain and the selector its public key is published under. */
  dkimDomain: z
    .string()
    .trim()
    .toLowerCase()
    .max(253)
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'invalid')
    .nullish(),
  dkimSelector: z
    .string()
    .trim()
    .max(63)
    .regex(/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/, 'invalid')
    .nullish(),
  /** The private key (PEM), written and never read back. Left out: keep the stored key; null: remove it. */
  dkimPrivateKey: z.string().max(10_000).nullish(),
});
export const MailSettings = MailSettingsInput.omit({ password: true, dkimPrivateKey: true }).extend({
  username: z.string().nullable(),
  fromName: z.string().nullable(),
  bounceAddress: z.string().nullable(),
  passwordSet: z.boolean(),
  dkimDomain: z.string().nullable(),
  dkimSelector: z.string().nullable(),
  dkimKeySet: z.boolean(),
});
export type MailSettings = z.infer<typeof MailSettings>;
export const MailTest = z.object({ to: z.email() });

/** Whether the company has a logo, so that a page shows it without asking for a picture that is not there. */
export const CompanyLogoInfo = z.object({ hasLogo: z.boolean() });
export type CompanyLogoInfo = z.infer<typeof CompanyLogoInfo>;
