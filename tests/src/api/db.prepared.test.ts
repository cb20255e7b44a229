import { describe, expect, test } from '@jest/globals';
import { toQuery } from '@lockstep/server/db';

describe('statements sent as named prepared statements', () => {
  test('a parameterised data statement gets a name derived from its text, the same each time', () => {
    const a = toQuery('SELECT * FROM translations WHERE segment_id = $1', ['s1']);
    const b = toQuery('SELECT * FROM translations WHERE segment_id = $1', ['s2']);
    const c = toQuery('UPDATE translations SET text = $1 WHERE segment_id = $2', ['x', 's1']);
    expect(a.name).toMatch(/^ls_[0-9a-f]{24}$/);
    expect(b.name).toBe(a.name);
    expect(b.values).toEqual(['s2']);
    expect(c.name).not.toBe(a.name);
  });

  test('statements without parameters, DDL and cursors stay plain queries', () => {
    expect(toQuery('SELECT 1', []).name).toBeUndefined();
    expect(toQuery('CREATE TABLE x (id int)', undefined).name).toBeUndefined();
    expect(toQuery('DECLARE c NO SCROLL CURSOR FOR SELECT * FROM segments WHERE document_id = $1', ['d']).name).toBeUndefined();
  });

  test('texts built without bound stop being named instead of filling every connection', () => {
    const names = new Set<string | undefined>();
    for (let i = 0; i < 2_500; i++) names.add(toQuery(`SELECT $1::int + ${i}`, [i]).name);
    expect(names.has(undefined)).toBe(true);
    expect(names.size).toBeLessThanOrEqual(2_001);
  });
});
