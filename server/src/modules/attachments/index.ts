export { attachmentsRoutes } from './attachments.routes.ts';
export { findAttachment, openAttachmentFile, storeUpload } from './attachments.service.ts';
