import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App';

dayjs.locale('zh-cn');

export const FONT_STACK = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      theme={{
        token: { fontFamily: FONT_STACK, colorPrimary: '#1f4e8c', borderRadius: 4, fontSize: 14 },
        components: {
          Table: { cellPaddingBlockSM: 6, headerBg: '#f2f4f7', rowSelectedBg: '#e6edf7', rowSelectedHoverBg: '#dbe5f3' },
          Layout: { headerBg: '#1f4e8c', siderBg: '#ffffff' },
          Menu: { itemSelectedBg: '#e6edf7', itemSelectedColor: '#1f4e8c', itemHeight: 38 },
        },
      }}
    >
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
