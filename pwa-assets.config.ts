// One SVG source (public/icon.svg) → the installable app's icons, favicon and Apple touch icon.
// Regenerate after changing the SVG: `npx pwa-assets-generator`, then commit the PNGs in public/.
import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    ...minimal2023Preset,
    // the maskable icon is cropped to a circle or squircle by the launcher: pad it on the brand colour
    maskable: { ...minimal2023Preset.maskable, resizeOptions: { background: '#0f172a' } },
    apple: { ...minimal2023Preset.apple, resizeOptions: { background: '#0f172a' } },
  },
  images: ['public/icon.svg'],
});
