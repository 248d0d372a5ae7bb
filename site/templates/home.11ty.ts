import type { TemplateData } from '../eleventy.ts';
import type { Format } from '../render/format.ts';
import { HOME_FRAME, homePage } from '../render/home.ts';
import { outputFile, paths } from '../model/urls.ts';

export const data = {
  layout: 'base.11ty.ts',
  frame: () => HOME_FRAME,
  permalink: outputFile(paths.home),
  eleventyExcludeFromCollections: true,
};

export function render(this: Format, { site, build }: TemplateData): string {
  return homePage(site, build, this).text;
}
