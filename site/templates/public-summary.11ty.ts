import type { TemplateData } from '../eleventy.ts';
import { DATA_FILES } from '../model/opendata.ts';
import { paths } from '../model/urls.ts';
import { publicSummary } from '../render/public-summary.ts';

/** `donnees/resume.json`: what the national observatory reads of this site (model/public-summary.ts). */
export const data = {
  permalink: paths.dataFile(DATA_FILES.summaryJson),
  eleventyExcludeFromCollections: true,
};

export function render({ site, build }: TemplateData): string {
  return `${JSON.stringify(publicSummary(site, build.generatedAt), null, 1)}\n`;
}
