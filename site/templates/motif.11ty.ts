import type { TemplateData } from '../eleventy.ts';
import type { MotifIndex } from '../model/site-index.ts';
import type { Format } from '../render/format.ts';
import { motifFrame, motifPage } from '../render/motif.ts';
import { outputFile, paths } from '../model/urls.ts';

type Data = TemplateData & { motif: MotifIndex };

export const data = {
  layout: 'base.11ty.ts',
  frame: (d: Data) => motifFrame(d.motif),
  pagination: { data: 'site.motifs', size: 1, alias: 'motif' },
  permalink: (d: Data) => outputFile(paths.motif(d.motif.prefecture, d.motif.motif)),
  eleventyExcludeFromCollections: true,
};

export function render(this: Format, { motif, site, build }: Data): string {
  return motifPage(motif, site.monthsOf(motif), build, this).text;
}
