// The stylesheet antd would generate at run time for renderer/src/theme.ts, made at build time by the plugin in
// electron.vite.config.ts (scripts/antd-css.ts).
declare module 'virtual:antd-theme.css';
