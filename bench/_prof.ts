import { openDatabase } from '../server/src/db/database.ts';
import { scopeFor } from '../server/src/platform/scope.ts';
import { loadActor } from '../server/src/platform/authenticate.ts';
import * as repo from '../server/src/modules/opportunities/opportunities.repository.ts';
const database = openDatabase('sqlite:/work/main/bench/out/bench-1000000.db');
const db = database.db;
const m = await db.selectFrom('users').select('id').where('username', '=', 'manager1').executeTakeFirstOrThrow();
const actor = (await loadActor(db, m.id, { via: 'apikey' }, { ip: '127.0.0.1', headers: {} }))!;
const scope = await scopeFor(db, actor, 'opportunities');
const time = async (label: string, f: () => Promise<unknown>) => { const s = performance.now(); await f(); console.log(label, (performance.now() - s).toFixed(1)); };
for (let i = 0; i < 2; i++) {
  await time('totals', () => repo.stageTotals(db, scope, 1, {}));
  for (const stage of [1, 2, 3, 4, 5, 6]) await time('cards ' + stage, () => repo.stageCards(db, scope, 1, stage, {}, 20));
}
const q = repo.stageCards.toString();
console.log(db.selectFrom('opportunities').selectAll().compile().sql.slice(0, 10));
await database.close();
