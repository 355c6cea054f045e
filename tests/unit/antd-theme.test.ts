// The stylesheet the build makes for the app's theme (scripts/antd-css.ts, through the plugin in electron.vite.config.ts)
// declares every value of renderer/src/theme.ts: the window generates no styles of its own (zeroRuntime), so a value
// missing here would silently be antd's default.
import { describe, expect, it } from 'vitest';
import { antdCss } from '../../scripts/antd-css';
import { THEME } from '../../renderer/src/theme';

// antd's CSS variable name for a token (as @ant-design/cssinjs's token2CSSVar)
const cssVar = (token: string, prefix = 'ant') =>
  `--${prefix}-${token
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z0-9]+)/g, '$1-$2')
    .replace(/([a-z])([A-Z0-9])/g, '$1-$2')
    .toLowerCase()}`;
const cssValue = (v: string | number) => (typeof v === 'number' ? `${v}px` : v);
const kebab = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

/** the declarations of the rules with exactly this selector */
function block(css: string, selector: string): string {
  const out: string[] = [];
  for (let at = css.indexOf(`${selector}{`); at >= 0; at = css.indexOf(`${selector}{`, at + 1)) {
    if (at > 0 && !'{},'.includes(css[at - 1])) continue;
    out.push(css.slice(at + selector.length + 1, css.indexOf('}', at)));
  }
  return out.join(';');
}

describe('构建时生成的 antd 样式表', () => {
  const css = antdCss();
  const key = `.${THEME.cssVar.key}`;

  it('有全部组件的样式，选择器不带哈希类名', () => {
    expect(css.length).toBeGreaterThan(500_000);
    for (const cls of ['.ant-btn', '.ant-table', '.ant-menu', '.ant-modal', '.ant-drawer', '.ant-select-dropdown', '.ant-picker-dropdown', '.ant-message'])
      expect(css, cls).toContain(`${cls}{`);
    expect(css).not.toMatch(/:where\(\.css-/);
  });

  it('全局变量取 theme.ts 的值', () => {
    const root = block(css, key);
    for (const [token, value] of Object.entries(THEME.token)) expect(root, token).toContain(`${cssVar(token)}:${cssValue(value)};`);
  });

  it('组件变量取 theme.ts 的值', () => {
    for (const [component, tokens] of Object.entries(THEME.components)) {
      const cls = `.ant-${kebab(component)}`;
      const scoped = `${block(css, `${key}${cls}`)};${block(css, `${key}${cls}-css-var`)}`;
      for (const [token, value] of Object.entries(tokens))
        expect(scoped, `${component}.${token}`).toContain(`${cssVar(token, `ant-${kebab(component)}`)}:${cssValue(value)};`);
    }
  });
});
