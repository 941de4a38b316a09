export { attachmentsRoutes } from './attachments.routes.ts';
export {
  filesOf,
  findAttachment,
  openAttachmentFile,
  recordStoredFile,
  storeReceivedFile,
  removeFiles,
  sendAttachment,
  storeUpload,
  takeFilesOf,
} from './attachments.service.ts';
