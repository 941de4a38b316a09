export { attachmentsRoutes } from './attachments.routes.ts';
export { filesOf, findAttachment, openAttachmentFile, sendAttachment, storeUpload } from './attachments.service.ts';
