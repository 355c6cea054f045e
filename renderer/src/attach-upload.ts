// Adding a file to a record's attachments from the page: the file is read slice by slice and sent in chunks
// (attach.begin / attach.chunk / attach.finish), never as one request — the same calls in Electron (IPC) and in
// browser mode (HTTP, whose body limit stays as it is). Empty and over-size files are refused before any call,
// with the core's own words (domain/attachments.ts).
import type { ApiOutput } from '../../electron/domain/api';
import { attachmentSizeProblem, type Volume } from '../../electron/domain/attachments';
import type { LedgerKind } from '../../electron/domain/fields';
import { call } from './api';
import { toBase64 } from './files';

export async function uploadAttachment(
  target: { kind: LedgerKind; id: string },
  file: File,
  opts: { role?: string; volume?: Volume },
  onProgress: (fraction: number) => void,
): Promise<ApiOutput<'attach.finish'>> {
  const problem = attachmentSizeProblem(file.name, file.size);
  if (problem) throw new Error(problem);
  const { uploadId, chunkBytes } = await call('attach.begin', { ...target, name: file.name, size: file.size, ...opts });
  try {
    for (let off = 0; off < file.size; off += chunkBytes) {
      const bytes = new Uint8Array(await file.slice(off, off + chunkBytes).arrayBuffer());
      await call('attach.chunk', { uploadId, offset: off, data: toBase64(bytes) });
      onProgress(Math.min(1, (off + bytes.length) / file.size));
    }
    return await call('attach.finish', { uploadId });
  } catch (e) {
    void call('attach.cancel', { uploadId }).catch(() => undefined);
    throw e;
  }
}
