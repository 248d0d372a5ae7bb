import type { TemplateData } from '../eleventy.ts';
import type { MonthPage } from '../model/site-index.ts';
import { monthFrame, monthPage } from '../render/month.ts';
import { outputFile, paths } from '../model/urls.ts';

type Data = TemplateData & { month: MonthPage };

export const data = {
  layout: 'base.11ty.ts',
  frame: (d: Data) => monthFrame(d.month),
  pagination: { data: 'site.monthPages', size: 1, alias: 'month' },
  permalink: (d: Data) => outputFile(paths.month(d.month.motif.prefecture, d.month.motif.motif, d.month.month)),
  eleventyExcludeFromCollections: true,
};

export function render({ month, build }: Data): string {
  return monthPage(month, build).text;
}
