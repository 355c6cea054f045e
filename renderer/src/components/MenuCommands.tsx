// Commands from the native menu (Electron only): 新建记录、导入、导出 go to the ledger page being viewed (or the
// first ledger) with `?cmd=new|import|export` for the ledger page to act on; 备份 backs up at once; 关于 opens
// the 关于与帮助 dialog (components/About.tsx).
import { App } from 'antd';
import { useEffect } from 'react';
import { call } from '../api';
import { navigate, parseHash } from '../router';

export function MenuCommands({ onSearch, onAbout }: { onSearch: () => void; onAbout: () => void }) {
  const { message } = App.useApp();
  useEffect(() => {
    if (!window.api) return;
    return window.api.on('menu', (cmd) => {
      const { parts } = parseHash(window.location.hash);
      const kind = parts[0] === 'ledger' && parts[1] ? parts[1] : 'normative';
      if (cmd === 'record.new') navigate(`/ledger/${kind}`, { cmd: 'new' });
      else if (cmd === 'import') navigate(`/ledger/${kind}`, { cmd: 'import' });
      else if (cmd === 'export') navigate(`/ledger/${kind}`, { cmd: 'export' });
      else if (cmd === 'search') onSearch();
      else if (cmd === 'backup')
        call('backup.create', {}).then(
          (b) => message.success(`已备份：${b.file}`),
          (e: Error) => message.error(e.message),
        );
      else if (cmd === 'about') onAbout();
    });
  }, [message, onSearch, onAbout]);
  return null;
}
