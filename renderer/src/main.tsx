import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// antd's styles for THEME, generated at build time (scripts/antd-css.ts, the plugin in electron.vite.config.ts)
import 'virtual:antd-theme.css';
import App from './App';
import { THEME } from './theme';

dayjs.locale('zh-cn');

export { FONT_STACK } from './theme';

// zeroRuntime: antd derives no styles in the window; they are all in the stylesheet above
const theme = { ...THEME, zeroRuntime: true };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
