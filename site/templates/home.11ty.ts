import type { TemplateData } from '../eleventy.ts';
import { homePage } from '../render/home.ts';
import { outputFile, paths } from '../model/urls.ts';

export const data = { permalink: outputFile(paths.home), eleventyExcludeFromCollections: true };

export function render({ site, build }: TemplateData): string {
  return homePage(site, build);
}
