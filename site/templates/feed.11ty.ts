import type { TemplateData } from '../eleventy.ts';
import type { MotifIndex } from '../model/site-index.ts';
import { atomFeed } from '../render/feed.ts';
import type { Format } from '../render/format.ts';
import { paths } from '../model/urls.ts';

type Data = TemplateData & { motif: MotifIndex };

export const data = {
  pagination: { data: 'site.motifs', size: 1, alias: 'motif' },
  permalink: (d: Data) => paths.feed(d.motif.prefecture, d.motif.motif),
  eleventyExcludeFromCollections: true,
};

export function render(this: Format, { motif }: Data): string {
  return atomFeed(motif, this);
}
