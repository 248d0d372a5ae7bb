import type { TemplateData } from '../eleventy.ts';
import type { PrefectureIndex } from '../model/site-index.ts';
import type { Format } from '../render/format.ts';
import { prefectureFrame, prefecturePage } from '../render/prefecture.ts';
import { outputFile, paths } from '../model/urls.ts';

type Data = TemplateData & { prefecture: PrefectureIndex };

export const data = {
  layout: 'base.11ty.ts',
  frame: (d: Data) => prefectureFrame(d.prefecture),
  pagination: { data: 'site.prefectures', size: 1, alias: 'prefecture' },
  permalink: (d: Data) => outputFile(paths.prefecture(d.prefecture.prefecture)),
  eleventyExcludeFromCollections: true,
};

export function render(this: Format, { prefecture, build }: Data): string {
  return prefecturePage(prefecture, build, this).text;
}
