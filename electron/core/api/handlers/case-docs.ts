// API handlers for the 文书 of a 行政复议/行政应诉 case file (DOMAIN §11): templates, generation, the 文书 log,
// 送达 and 送达回证 (electron/core/case-docs.ts).

import {
  addService,
  deleteService,
  docFile,
  docTemplateView,
  generateDoc,
  listDocs,
  previewDoc,
  saveDocTemplate,
  serviceReceipt,
  uploadDocTemplate,
} from '../../case-docs';
import { fileBytes } from '../../exchange';
import type { AreaHandlers } from './area';

export const caseDocsHandlers: AreaHandlers<'caseDocs'> = {
  'caseDocs.list': (core, { kind, id }) => ({ docs: listDocs(core, kind, id) }),
  'caseDocs.generate': async (core, { kind, id, docKind, signer, signedOn, inputs }) => {
    const r = await generateDoc(core, kind, id, { docKind, signer, signedOn, inputs });
    return { doc: r.doc, fileName: r.fileName, content: r.bytes.toString('base64') };
  },
  'caseDocs.file': (core, { kind, id, docId }) => {
    const r = docFile(core, kind, id, docId);
    return { fileName: r.fileName, content: r.bytes.toString('base64') };
  },
  'caseDocs.receipt': async (core, { kind, id, docId }) => {
    const r = await serviceReceipt(core, kind, id, docId);
    return { fileName: r.fileName, content: r.bytes.toString('base64') };
  },
  'caseDocs.addService': (core, { kind, id, docId, service }) => ({ docs: addService(core, kind, id, docId, service) }),
  'caseDocs.deleteService': (core, { kind, id, serviceId }) => ({ docs: deleteService(core, kind, id, serviceId) }),
  'caseDocs.template': (core, { docKind }) => docTemplateView(core, docKind),
  'caseDocs.saveTemplate': (core, { docKind, text, noPattern, base, note }) => saveDocTemplate(core, { docKind, text, noPattern, base, note }),
  'caseDocs.uploadTemplate': (core, { docKind, content, base }) => uploadDocTemplate(core, { docKind, bytes: fileBytes(content), base }),
  'caseDocs.preview': (core, { kind, id, docKind, template, inputs }) => previewDoc(core, kind, id, { docKind, template, inputs }),
};
