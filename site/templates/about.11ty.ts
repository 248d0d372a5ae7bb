import type { TemplateData } from '../eleventy.ts';
import { CAPTURE_FIELDS, MOTIF_FIELDS } from '../pipeline/opendata.ts';
import { ABOUT_FRAME, aboutPage } from '../render/about.ts';
import type { Format } from '../render/format.ts';
import { outputFile, paths } from '../model/urls.ts';

export const data = {
  layout: 'base.11ty.ts',
  frame: () => ABOUT_FRAME,
  permalink: outputFile(paths.data),
  eleventyExcludeFromCollections: true,
};

export function render(this: Format, { site, build }: TemplateData): string {
  return aboutPage(site, build, { captures: CAPTURE_FIELDS, motifs: MOTIF_FIELDS }, this).text;
}
