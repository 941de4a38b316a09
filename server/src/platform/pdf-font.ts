import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fonts = new Map<string, Buffer>();

/** The font with Chinese glyphs for PDFs, read once: the configured file (RELATE_PDF_FONT) or the bundled Noto Sans SC. */
export function cjkFont(configured: string | undefined): Buffer {
  const file = configured ?? require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
  let font = fonts.get(file);
  if (!font) {
    font = readFileSync(file);
    fonts.set(file, font);
  }
  return font;
}
