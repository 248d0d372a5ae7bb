/**
 * The listing pages format through Eleventy: every filter registered in `site/eleventy.config.ts` shapes
 * part of a built site, called by Eleventy (its `this` carries the page), and neither the templates nor
 * the renderers they call format a date or a number behind the filters' back.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { buildSite } from '../site/build-site.ts';
import { FORMAT } from '../site/render/format.ts';
import { siteOptions } from './fixtures/site-options.ts';
import { ROOT, scratchFolders } from './helpers.ts';

const folder = scratchFolders();
const SITE = join(ROOT, 'site');

/** The functions the filters stand for, which no listing module may import directly. */
const FORMATTERS = ['dateTime', 'shortDate', 'monthLabel', 'count', 'plural'];

/** Names imported from the date and number modules of the site and of the evidence. */
function formatterImports(source: string): string[] {
  const imports = source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'[^']*\/(?:dates|numbers|french)\.ts'/g);
  return [...imports].flatMap((m) => m[1]!.split(',').map((name) => name.trim().split(/\s+/)[0]!));
}

describe('Eleventy filters', () => {
  const original = { ...FORMAT };
  after(() => Object.assign(FORMAT, original));

  it('calls every registered filter, as Eleventy filters, while building the listing pages', async () => {
    const byEleventy = new Set<string>();
    for (const [name, filter] of Object.entries(original)) {
      // Eleventy calls a filter with the template's context as `this`, which holds `page`.
      (FORMAT as Record<string, unknown>)[name] = function (this: { page?: unknown } | undefined, ...args: unknown[]) {
        if (this?.page) byEleventy.add(name);
        return (filter as (...a: unknown[]) => unknown)(...args);
      };
    }
    const archive = await folder('stp-filters-archive-');
    const out = join(await folder('stp-filters-site-'), 'site');
    await generateArchive(archive, { captures: 60, from: '2026-01-20T05:00:00Z', everyHours: 30, seed: 3 });
    const report = await buildSite(siteOptions(archive, out));
    assert.ok(report.pages.listings > 5, `${report.pages.listings} listing pages`);
    assert.deepEqual([...byEleventy].sort(), Object.keys(FORMAT).sort(), 'each registered filter is used');
  });

  it('leaves dates and numbers of the templates and of the renderers they call to the filters', async () => {
    const templates = (await readdir(join(SITE, 'templates'), { recursive: true }))
      .filter((f) => f.endsWith('.11ty.ts'))
      .map((f) => join(SITE, 'templates', f));
    const renderers = new Set<string>();
    for (const file of templates) {
      const source = await readFile(file, 'utf8');
      assert.deepEqual(formatterImports(source), [], `${file} formats by itself`);
      for (const m of source.matchAll(/from '((?:\.\.\/)+render\/[\w-]+\.ts)'/g))
        renderers.add(join(file, '..', m[1]!));
    }
    assert.ok(renderers.size >= 6, `${renderers.size} renderers`);
    renderers.delete(join(SITE, 'render', 'format.ts')); // where the filters are defined
    for (const file of renderers) {
      const direct = formatterImports(await readFile(file, 'utf8')).filter((name) => FORMATTERS.includes(name));
      assert.deepEqual(direct, [], `${file} imports ${direct.join(', ')} instead of taking the filters`);
    }
  });
});
