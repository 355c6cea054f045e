// The stylesheet of every antd component for the app's theme (renderer/src/theme.ts), as antd would generate it in the
// window at run time: antd's own extraction (@ant-design/static-style-extract renders each component, popups' panels
// included, inside our ConfigProvider and collects the styles). Used by the Vite plugin in electron.vite.config.ts
// (build and dev server) and by tests/unit/antd-theme.test.ts. Takes about a second.
import { extractStyle } from '@ant-design/static-style-extract';
import { ConfigProvider } from 'antd';
import { createElement, type ReactElement } from 'react';
// eslint-disable-next-line no-restricted-imports -- the theme is plain data (no renderer code), declared once for both sides
import { THEME } from '../renderer/src/theme';

export function antdCss(): string {
  // rendering every component prints antd's deprecation notices for the ones we do not use (Input.Group, List)
  const error = console.error;
  console.error = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && /^Warning: \[antd: .*deprecated/.test(args[0]))) error(...args);
  };
  try {
    return extractStyle((node: ReactElement) => createElement(ConfigProvider, { theme: THEME }, node));
  } finally {
    console.error = error;
  }
}
