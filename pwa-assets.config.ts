/**
 * Every icon (favicon.ico, 64/192/512 px, maskable, apple-touch) is generated at build time
 * from one source, public/favicon.svg. Maskable and Apple icons sit on Mull's accent colour
 * so the padding around the mark blends into the tile.
 */
import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

const ACCENT = '#3b6a61';

export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    ...minimal2023Preset,
    maskable: { ...minimal2023Preset.maskable, padding: 0, resizeOptions: { background: ACCENT } },
    apple: { ...minimal2023Preset.apple, padding: 0, resizeOptions: { background: ACCENT } },
  },
  images: ['public/favicon.svg'],
});
