/**
 * A list of JSON objects stored as the first one, then what each changes from the one before: the summaries of
 * a month folder repeat their préfecture, motif, labels, addresses and provenance capture after capture, and
 * written in full they made an incremental build parse ~1.3 KB per capture of the whole archive (2 s at
 * 100,000 captures, most of its garbage). Read back, an unchanged branch is the previous item's own object
 * (the items are read only), and keys come back in their order.
 *
 * In a change, a key maps to its new value, or, when both values are objects (not arrays), to the change of
 * that object; `~` lists the keys gone, `@` gives the key order when it is not the previous one's plus the
 * new keys at the end. No item may use those two keys.
 */
type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

const GONE = '~';
const ORDER = '@';

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Its keys as JSON has them: a key whose value is undefined is not written. */
const keysOf = (object: JsonObject) => Object.keys(object).filter((key) => object[key] !== undefined);

/** What `next` changes from `previous`; null when nothing. */
function change(previous: JsonObject, next: JsonObject): JsonObject | null {
  const delta: JsonObject = {};
  let changed = false;
  const had = new Set(keysOf(previous));
  const has = keysOf(next);
  for (const key of has) {
    if (key === GONE || key === ORDER) throw new Error(`clé réservée « ${key} » dans un résumé`);
    const before = previous[key];
    const value = next[key]!;
    if (isObject(before) && isObject(value)) {
      const inner = change(before, value);
      if (inner !== null) {
        delta[key] = inner;
        changed = true;
      }
    } else if (!had.has(key) || JSON.stringify(before) !== JSON.stringify(value)) {
      delta[key] = value;
      changed = true;
    }
  }
  const present = new Set(has);
  const gone = [...had].filter((key) => !present.has(key));
  if (gone.length > 0) {
    delta[GONE] = gone;
    changed = true;
  }
  const order = [...[...had].filter((key) => present.has(key)), ...has.filter((key) => !had.has(key))];
  if (order.join('\0') !== has.join('\0')) {
    delta[ORDER] = has;
    changed = true;
  }
  return changed ? delta : null;
}

/** Run for every summary of every unchanged month: no set or spread where, as most often, no key goes or comes. */
function apply(previous: JsonObject, delta: JsonObject): JsonObject {
  let keys = delta[ORDER] as string[] | undefined;
  if (!keys) {
    const gone = delta[GONE] as string[] | undefined;
    keys = Object.keys(previous);
    if (gone) keys = keys.filter((key) => !gone.includes(key));
    for (const key in delta) if (key !== GONE && key !== ORDER && !(key in previous)) keys.push(key);
  }
  const next: JsonObject = {};
  for (const key of keys) {
    const before = previous[key];
    if (!(key in delta)) next[key] = before!;
    else {
      const value = delta[key]!;
      next[key] = isObject(before) && isObject(value) ? apply(before, value) : value;
    }
  }
  return next;
}

/** The list as JSON text: its first item, then the changes. */
export function encodeList(items: readonly object[]): string {
  const objects = items as JsonObject[];
  return JSON.stringify(objects.map((item, i) => (i === 0 ? item : (change(objects[i - 1]!, item) ?? {}))));
}

/** The items of `encodeList`'s text, as the caller knows them to be. */
export function decodeList<T extends object>(text: string): T[] {
  const stored = JSON.parse(text) as JsonObject[];
  const items: JsonObject[] = [];
  for (let i = 0; i < stored.length; i++) items.push(i === 0 ? stored[0]! : apply(items[i - 1]!, stored[i]!));
  return items as unknown as T[];
}
