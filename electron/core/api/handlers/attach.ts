// API handlers for attachments (电子卷宗) of any record: issue 18 item 4, core/attachments.ts.

import {
  attachmentArchive,
  attachmentCatalogue,
  attachmentStats,
  beginUpload,
  cancelUpload,
  deleteAttachment,
  deletedAttachments,
  finishUpload,
  listAttachments,
  purgeAttachment,
  readAttachment,
  reorderAttachments,
  restoreAttachment,
  updateAttachment,
  uploadChunk,
} from '../../attachments';
import type { AreaHandlers } from './area';

export const attachHandlers: AreaHandlers<'attach'> = {
  'attach.list': (core, { kind, id }) => listAttachments(core, kind, id),
  'attach.begin': (core, input) => beginUpload(core, input),
  'attach.chunk': (core, input) => uploadChunk(core, input),
  'attach.finish': (core, { uploadId }) => finishUpload(core, uploadId),
  'attach.cancel': (core, { uploadId }) => cancelUpload(core, uploadId),
  'attach.update': (core, { kind, id, attachmentId, ...patch }) => updateAttachment(core, kind, id, attachmentId, patch),
  'attach.reorder': (core, { kind, id, volume, order }) => reorderAttachments(core, kind, id, volume, order),
  'attach.delete': (core, { kind, id, attachmentId }) => deleteAttachment(core, kind, id, attachmentId),
  'attach.restore': (core, { kind, id, attachmentId }) => restoreAttachment(core, kind, id, attachmentId),
  'attach.purge': (core, { kind, id, attachmentId }) => purgeAttachment(core, kind, id, attachmentId),
  'attach.read': (core, { kind, id, attachmentId }) => readAttachment(core, kind, id, attachmentId),
  'attach.catalogue': (core, { kind, id }) => attachmentCatalogue(core, kind, id),
  'attach.archive': (core, { kind, id }) => attachmentArchive(core, kind, id),
  'attach.stats': (core) => attachmentStats(core),
  'attach.bin': (core) => deletedAttachments(core),
};
