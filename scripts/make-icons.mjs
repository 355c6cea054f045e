// Renders resources/icons/icon.svg to the PNG and ICO files the installers use (Chromium via playwright-core).
// Run after changing the SVG: node scripts/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const dir = path.resolve(import.meta.dirname, '..', 'resources', 'icons');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
const pngs = {};
for (const size of [512, 256, 48, 32, 16]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)}</body></html>`,
  );
  pngs[size] = await page.screenshot({ omitBackground: true });
}
await browser.close();
fs.writeFileSync(path.join(dir, 'icon.png'), pngs[512]);
// ICO with PNG-compressed images (Windows Vista and later).
const sizes = [256, 48, 32, 16];
const header = Buffer.alloc(6 + 16 * sizes.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(sizes.length, 4);
let offset = header.length;
sizes.forEach((s, i) => {
  const e = 6 + 16 * i;
  header.writeUInt8(s === 256 ? 0 : s, e);
  header.writeUInt8(s === 256 ? 0 : s, e + 1);
  header.writeUInt16LE(1, e + 4);
  header.writeUInt16LE(32, e + 6);
  header.writeUInt32LE(pngs[s].length, e + 8);
  header.writeUInt32LE(offset, e + 12);
  offset += pngs[s].length;
});
fs.writeFileSync(path.join(dir, 'icon.ico'), Buffer.concat([header, ...sizes.map((s) => pngs[s])]));
console.error('已生成 icon.png 和 icon.ico');
