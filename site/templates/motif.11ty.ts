import type { TemplateData } from '../eleventy.ts';
import type { MotifIndex } from '../pipeline/collect.ts';
import { motifPage } from '../render/motif.ts';
import { outputFile, paths } from '../model/urls.ts';

type Data = TemplateData & { motif: MotifIndex };

export const data = {
  pagination: { data: 'site.motifs', size: 1, alias: 'motif' },
  permalink: (d: Data) => outputFile(paths.motif(d.motif.prefecture, d.motif.motif)),
  eleventyExcludeFromCollections: true,
};

export function render({ motif, site, build }: Data): string {
  return motifPage(motif, site.monthsOf(motif), build);
}
