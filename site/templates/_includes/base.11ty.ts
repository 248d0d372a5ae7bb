/**
 * The base layout of the listing pages: `page()` of render/layout.ts, the frame the capture and month pages get
 * too (they are written outside Eleventy, see pipeline/capture-pages.ts and pipeline/month-pages.ts). Each template gives its `frame`
 * (address, title, breadcrumbs, feed) as a function of its data and of the filters (a month's title
 * is its month label).
 */
import type { TemplateData } from '../../eleventy.ts';
import { trusted } from '../../render/html.ts';
import type { Format } from '../../render/format.ts';
import { page, type Frame } from '../../render/layout.ts';

export type LayoutData<T extends TemplateData = TemplateData> = T & { frame: (data: T, format: Format) => Frame };

export function render(this: Format, data: LayoutData & { content: string }): string {
  return page({ ...data.frame(data, this), body: trusted(data.content) }, data.build, this);
}
