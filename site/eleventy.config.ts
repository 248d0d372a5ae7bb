/**
 * Eleventy's configuration for the listing pages: templates are TypeScript (`templates/*.11ty.ts`, run as
 * 11ty.js templates through tsx), laid out by `templates/_includes/base.11ty.ts`, with the site's French
 * filters (render/format.ts), which the templates read as `this.<filter>`. The data of a build (the archive's
 * index, the build's facts) is added as global data by `eleventy.ts`, which runs Eleventy with this file.
 */
import type UserConfig from '@11ty/eleventy/UserConfig';
import { FORMAT } from './render/format.ts';

export default function (config: UserConfig): void {
  config.addExtension(['11ty.ts'], { key: '11ty.js' });
  config.setTemplateFormats(['11ty.ts']);
  // Dates in Paris time and French numbers, as every page writes them.
  for (const [name, filter] of Object.entries(FORMAT)) config.addFilter(name, filter);
}
