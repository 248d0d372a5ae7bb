import type { TemplateData } from '../eleventy.ts';
import { aboutPage } from '../render/about.ts';
import { outputFile, paths } from '../model/urls.ts';

export const data = { permalink: outputFile(paths.data), eleventyExcludeFromCollections: true };

export function render({ site, build }: TemplateData): string {
  return aboutPage(site, build);
}
