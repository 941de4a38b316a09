import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import { readJson, writeJson } from '../json.ts';

const require = createRequire(import.meta.url);

type Widget = { key?: unknown; title?: unknown; titleKey?: unknown };

/**
 * Copies of built-in dashboards made before a copied widget kept its title's key show that title frozen
 * in the language of whoever copied it. A widget still titled as its built-in widget is (in either
 * language) gets the key back, so each viewer reads it in their own language; a title its owner
 * changed stays as typed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const titles = new Map<string, Set<string>>();
  const locales = [require('@relate/common/locales/zh-CN.json'), require('@relate/common/locales/en.json')];
  for (const words of locales as Array<{ dashboards: { widgets: Record<string, string> } }>) {
    for (const [key, title] of Object.entries(words.dashboards.widgets)) {
      if (!titles.has(key)) titles.set(key, new Set());
      titles.get(key)!.add(title);
    }
  }
  const copies = await db.selectFrom('dashboards').select(['id', 'widgets']).where('builtin', 'is', null).execute();
  for (const copy of copies) {
    const widgets = readJson<Widget[]>(copy.widgets, []);
    let changed = false;
    for (const widget of widgets) {
      if (widget.titleKey || typeof widget.key !== 'string' || typeof widget.title !== 'string') continue;
      if (!titles.get(widget.key)?.has(widget.title)) continue;
      widget.titleKey = widget.key;
      changed = true;
    }
    if (changed)
      await db
        .updateTable('dashboards')
        .set({ widgets: writeJson(widgets) })
        .where('id', '=', copy.id)
        .execute();
  }
}

export async function down(): Promise<void> {}
