import type { TemplateData } from '../eleventy.ts';
import { HOME_FRAME, homePage } from '../render/home.ts';
import { outputFile, paths } from '../model/urls.ts';

export const data = {
  layout: 'base.11ty.ts',
  frame: () => HOME_FRAME,
  permalink: outputFile(paths.home),
  eleventyExcludeFromCollections: true,
};

export function render({ site, build }: TemplateData): string {
  return homePage(site, build).text;
}
