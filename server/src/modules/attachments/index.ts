export { attachmentsRoutes } from './attachments.routes.ts';
export {
  filesOf,
  findAttachment,
  openAttachmentFile,
  removeFiles,
  sendAttachment,
  storeUpload,
  takeFilesOf,
} from './attachments.service.ts';
