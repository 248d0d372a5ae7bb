import type { TemplateData } from '../eleventy.ts';
import type { MotifIndex } from '../model/site-index.ts';
import { calendarPath, motifCalendar } from '../render/due.ts';

type Data = TemplateData & { motif: MotifIndex };

/** The suggested attempts of each motif as an .ics file beside its page (render/due.ts). */
export const data = {
  pagination: { data: 'site.motifs', size: 1, alias: 'motif' },
  permalink: (d: Data) => calendarPath(d.motif.prefecture, d.motif.motif),
  eleventyExcludeFromCollections: true,
};

export function render({ motif, build }: Data): string {
  return motifCalendar(motif, build.generatedAt);
}
