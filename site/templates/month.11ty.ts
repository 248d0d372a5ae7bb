import type { TemplateData } from '../eleventy.ts';
import type { MonthPage } from '../model/site-index.ts';
import type { Format } from '../render/format.ts';
import { monthFrame, monthPage } from '../render/month.ts';
import { outputFile, paths } from '../model/urls.ts';

type Data = TemplateData & { month: MonthPage };

export const data = {
  layout: 'base.11ty.ts',
  frame: (d: Data, format: Format) => monthFrame(d.month, format),
  pagination: { data: 'site.monthPages', size: 1, alias: 'month' },
  permalink: (d: Data) => outputFile(paths.month(d.month.motif.prefecture, d.month.motif.motif, d.month.month)),
  eleventyExcludeFromCollections: true,
};

export function render(this: Format, { month, build }: Data): string {
  return monthPage(month, build, this).text;
}
