import type { TemplateData } from '../eleventy.ts';
import { toCheckPage } from '../render/to-check.ts';
import { outputFile, paths } from '../model/urls.ts';

export const data = { permalink: outputFile(paths.toCheck), eleventyExcludeFromCollections: true };

export function render({ site, build }: TemplateData): string {
  return toCheckPage(site, build);
}
