import type { TemplateData } from '../eleventy.ts';
import type { PrefectureIndex } from '../pipeline/collect.ts';
import { prefecturePage } from '../render/prefecture.ts';
import { outputFile, paths } from '../model/urls.ts';

type Data = TemplateData & { prefecture: PrefectureIndex };

export const data = {
  pagination: { data: 'site.prefectures', size: 1, alias: 'prefecture' },
  permalink: (d: Data) => outputFile(paths.prefecture(d.prefecture.prefecture)),
  eleventyExcludeFromCollections: true,
};

export function render({ prefecture, build }: Data): string {
  return prefecturePage(prefecture, build);
}
