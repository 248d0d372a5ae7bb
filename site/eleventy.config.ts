/**
 * Eleventy's configuration for the listing pages: templates are TypeScript (`templates/*.11ty.ts`, run as
 * 11ty.js templates through tsx), laid out by `templates/_includes/base.11ty.ts`, with the site's French
 * filters for any template that needs them. The data of a build (the archive's index, the build's facts)
 * is added as global data by `eleventy.ts`, which runs Eleventy with this file.
 */
import type UserConfig from '@11ty/eleventy/UserConfig';
import { dateTime, monthLabel, shortDate } from './render/dates.ts';
import { count, plural } from './render/numbers.ts';

export default function (config: UserConfig): void {
  config.addExtension(['11ty.ts'], { key: '11ty.js' });
  config.setTemplateFormats(['11ty.ts']);
  // Dates in Paris time and French numbers, as every page writes them.
  config.addFilter('parisDateTime', (iso: string) => dateTime(iso));
  config.addFilter('parisDate', shortDate);
  config.addFilter('monthLabel', monthLabel);
  config.addFilter('frenchNumber', count);
  config.addFilter('plural', plural);
}
