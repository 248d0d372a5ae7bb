/**
 * Renders the listing pages (home, préfectures, motifs, feeds, data, captures à vérifier; the month pages
 * are written by pipeline/month-pages.ts) with Eleventy's programmatic API and `eleventy.config.ts`. The
 * templates in `templates/` paginate over the compact index, given as global data, and call the renderers
 * in `render/` for the body of each page.
 */
import Eleventy from '@11ty/eleventy';
import type UserConfig from '@11ty/eleventy/UserConfig';
import { fileURLToPath } from 'node:url';
import type { SiteIndex } from './pipeline/collect.ts';
import type { BuildInfo } from './render/build-info.ts';

/** The global data every template receives. */
export interface TemplateData {
  site: SiteIndex;
  build: BuildInfo;
}

const TEMPLATES = fileURLToPath(new URL('./templates/', import.meta.url));
const CONFIG = fileURLToPath(new URL('./eleventy.config.ts', import.meta.url));

interface WrittenTemplate {
  outputPath: string | false;
  content: string;
}

/** Pages written and their bytes. */
export async function renderTemplates(out: string, data: TemplateData): Promise<{ pages: number; bytes: number }> {
  const eleventy = new Eleventy(TEMPLATES, out, {
    quietMode: true,
    configPath: CONFIG,
    config(config: UserConfig) {
      config.addGlobalData('site', data.site);
      config.addGlobalData('build', data.build);
    },
  });
  eleventy.disableLogger();
  // Eleventy's JSDoc types say `write()` gives an object; it gives [passthrough copies, templates written].
  const [, templates] = (await eleventy.write()) as unknown as [unknown, WrittenTemplate[]];
  const written = templates.filter((t) => t.outputPath !== false);
  return { pages: written.length, bytes: written.reduce((n, t) => n + Buffer.byteLength(t.content), 0) };
}
