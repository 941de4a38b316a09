import { z } from 'zod';
import { IdList, OptionalLongText, OptionalText, PageQuery, Id, RecordId, EnumList } from './common.ts';
import { StockQuantity } from './inventory.ts';

/** new → dispatched → accepted → on_site → completed; cancelled at any point before completion. */
export const workOrderStatuses = ['new', 'dispatched', 'accepted', 'on_site', 'completed', 'cancelled'] as const;
export type WorkOrderStatus = (typeof workOrderStatuses)[number];

export const WorkOrderInput = z
  .object({
    ticketId: RecordId,
    /** Where to go; the customer's address when left out. */
    address: OptionalText,
    appointmentStart: z.iso.datetime({ offset: true }),
    appointmentEnd: z.iso.datetime({ offset: true }),
    requiredSkills: z.array(z.string().trim().min(1).max(30)).max(10).default([]),
    partsNeeded: OptionalText,
    instructions: OptionalLongText,
    /** Where the site is; left out, where technicians last checked in at this customer. Dispatch sends the nearest free technician there. */
    siteLatitude: z.number().min(-90).max(90).nullish(),
    siteLongitude: z.number().min(-180).max(180).nullish(),
    /** A named technician; left out, the free technician with the skills and the fewest open work orders, the nearest first. */
    technicianId: RecordId.nullish(),
    dispatch: z.boolean().default(true),
  })
  .refine((v) => v.appointmentEnd > v.appointmentStart, { path: ['appointmentEnd'], message: 'endBeforeStart' });

export const WorkOrderPart = z.object({
  productId: z.number(),
  productCode: z.string(),
  productName: z.string(),
  quantity: z.string(),
  warehouseId: z.number().nullable(),
});
export const WorkOrder = z.object({
  id: z.number(),
  number: z.string(),
  ticketId: z.number(),
  ticketNumber: z.string(),
  ticketSubject: z.string(),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  appointmentStart: z.string(),
  appointmentEnd: z.string(),
  requiredSkills: z.array(z.string()),
  partsNeeded: z.string().nullable(),
  instructions: z.string().nullable(),
  status: z.enum(workOrderStatuses),
  technicianId: z.number().nullable(),
  technicianName: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  checkInAt: z.string().nullable(),
  checkInLatitude: z.number().nullable(),
  checkInLongitude: z.number().nullable(),
  siteLatitude: z.number().nullable(),
  siteLongitude: z.number().nullable(),
  checkOutAt: z.string().nullable(),
  travelMinutes: z.number().nullable(),
  workMinutes: z.number().nullable(),
  workDone: z.string().nullable(),
  signedBy: z.string().nullable(),
  hasSignature: z.boolean(),
  parts: z.array(WorkOrderPart),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WorkOrder = z.infer<typeof WorkOrder>;
export const WorkOrderQuery = PageQuery.extend({
  status: EnumList(workOrderStatuses),
  ticketId: Id.optional(),
  customerId: Id.optional(),
  technicianId: IdList.optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const WorkOrderDispatch = z.object({ technicianId: RecordId.nullish() });
/** A technician's phone reporting where it is, so dispatch can find the nearest free technician. */
export const TechnicianPosition = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});
export const WorkOrderCheckIn = z.object({
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
});
/** Checking out records the work, the parts used (taken from stock where it is tracked) and the customer's signature. */
export const WorkOrderCheckOut = z.object({
  workDone: z.string().trim().min(1).max(5000),
  parts: z
    .array(
      z.object({
        productId: RecordId,
        quantity: StockQuantity.refine((v) => Number(v) > 0, 'invalidQuantity'),
        warehouseId: RecordId.nullish(),
      }),
    )
    .max(50)
    .default([]),
  /** A PNG drawn on the device, as a data URL. */
  signature: z
    .string()
    .max(400_000)
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'invalidSignature')
    .nullish(),
  signedBy: OptionalText,
});
export const WorkOrderCancel = z.object({ reason: z.string().trim().min(1).max(500) });
export const TechnicianSkills = z.object({ skills: z.array(z.string().trim().min(1).max(30)).max(30) });
