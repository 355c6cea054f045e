// 设置 · 数据与备份: how much the attachments (电子卷宗) take, and a warning when they are large (issue 18 item 4).
// Every backup keeps the attachments' contents in the backup folder's 附件 folder (each content once); a large
// 卷宗 fills a small disk or a USB stick used as the second backup location.
import { Alert, Typography } from 'antd';
import { ATTACHMENT_WARN_BYTES, formatBytes } from '../../../electron/domain/attachments';
import { useApi } from '../hooks';

export function AttachmentBackupNote() {
  const stats = useApi('attach.stats', {});
  const s = stats.data;
  if (!s || !s.rows) return null;
  // the folder is the user's path (data-raw: not checked for being Chinese)
  const text = (
    <>
      附件 {s.rows} 个（{s.files} 个文件，共 {formatBytes(s.bytes)}），保存在 <span data-raw>{s.storeDir}</span>
      ；每次备份把新增的附件复制到备份文件夹的“附件”文件夹（相同内容只存一份），还原时逐个核对校验值。换电脑时请连同附件文件夹一起复制。
    </>
  );
  if (s.bytes < ATTACHMENT_WARN_BYTES) {
    return (
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="attachment-backup-note">
        {text}
      </Typography.Paragraph>
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="attachment-backup-warning"
      title={`附件已达 ${formatBytes(s.bytes)}，备份会占用同样多的磁盘空间`}
      description={<>{text}请确认备份文件夹和第二备份位置（如移动硬盘）有足够的空余空间。</>}
    />
  );
}
