import type { TemplateData } from '../eleventy.ts';
import { TO_CHECK_FRAME, toCheckPage } from '../render/to-check.ts';
import { outputFile, paths } from '../model/urls.ts';

export const data = {
  layout: 'base.11ty.ts',
  frame: () => TO_CHECK_FRAME,
  permalink: outputFile(paths.toCheck),
  eleventyExcludeFromCollections: true,
};

export function render({ site }: TemplateData): string {
  return toCheckPage(site).text;
}
