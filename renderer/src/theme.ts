// The one declaration of the app's antd theme. main.tsx passes it to ConfigProvider with zeroRuntime (antd generates no
// styles in the window); the stylesheet for exactly this theme is generated from it at build time (and by the dev server)
// by scripts/antd-css.ts through the Vite plugin in electron.vite.config.ts, so the two cannot drift apart.
import type { ThemeConfig } from 'antd';

export const FONT_STACK = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

export const THEME = {
  token: { fontFamily: FONT_STACK, colorPrimary: '#1f4e8c', borderRadius: 4, fontSize: 14 },
  components: {
    Table: { cellPaddingBlockSM: 6, headerBg: '#f2f4f7', rowSelectedBg: '#e6edf7', rowSelectedHoverBg: '#dbe5f3' },
    Layout: { headerBg: '#1f4e8c', siderBg: '#ffffff' },
    Menu: { itemSelectedBg: '#e6edf7', itemSelectedColor: '#1f4e8c', itemHeight: 38 },
  },
  // The pre-built stylesheet has plain selectors (no per-theme hash class) and its CSS variables under this one class,
  // which ConfigProvider puts on its elements; a key from React's useId would depend on where the provider sits.
  hashed: false,
  cssVar: { key: 'fazhi-theme' },
} satisfies ThemeConfig;
