/**
 * The month summaries kept by the build state are stored as changes from one summary to the next
 * (site/pipeline/delta-list.ts): what is read back must be what was written, to the order of the keys.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeList, encodeList } from '../site/pipeline/delta-list.ts';

const roundTrip = (items: object[]) => decodeList<object>(encodeList(items));
/** Equal as JSON text: the same values in the same key order. */
const sameText = (a: unknown, b: unknown) => assert.equal(JSON.stringify(a), JSON.stringify(b));

describe('summaries stored as changes', () => {
  const first = {
    name: '2026-07-01T00-25-35Z.json',
    ids: { record: 'aaa', image: 'bbb', text: null },
    capture: {
      id: 'p/m/1',
      outcome: 'no-slot',
      provenance: { browser: 'chromium', clockOffsetMs: -420 },
      tags: [1, 2],
    },
  };

  it('gives back every item as written, with its keys in order, whatever changed', () => {
    const items = [
      first,
      { ...first, name: 'two', capture: { ...first.capture, id: 'p/m/2', outcome: 'captcha' } },
      // A key gone, a key added in the middle, an array changed, an object replaced by a value and back.
      {
        name: 'three',
        extra: { deep: { deeper: true } },
        ids: { record: 'ccc', image: 'bbb', text: 'ddd' },
        capture: { id: 'p/m/3', outcome: 'captcha', provenance: null, tags: [1, 3] },
      },
      { ...first, name: 'four', problems: ['illisible'] },
      { name: 'five', dir: 'p/m/2026/07', problems: ['illisible', 'image absente'] },
      { name: 'five', dir: 'p/m/2026/07', problems: ['illisible', 'image absente'] },
    ];
    const back = roundTrip(items);
    assert.equal(back.length, items.length);
    for (const [i, item] of items.entries()) sameText(back[i], item);
  });

  it('writes an unchanged part once: the next items share it, and their text is a fraction of the whole', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({
      ...first,
      name: `n${i}`,
      capture: { ...first.capture, id: `p/m/${i}` },
    }));
    const text = encodeList(items);
    assert.ok(text.length < JSON.stringify(items).length / 4, `${text.length} octets`);
    const back = roundTrip(items) as (typeof first)[];
    assert.equal(back[99]!.capture.provenance, back[1]!.capture.provenance);
    sameText(back, items);
  });

  it('leaves out keys whose value is undefined, as JSON does', () => {
    const items = [
      { a: 1, b: undefined },
      { a: 2, b: undefined, c: 3 },
      { a: 2, c: undefined },
    ];
    sameText(roundTrip(items), JSON.parse(JSON.stringify(items)));
  });

  it('refuses an item that uses a key of the encoding', () => {
    assert.throws(() => encodeList([{ a: 1 }, { a: 2, '~': ['a'] }]), /clé réservée « ~ »/);
  });
});
