/**
 * Where the public archive lives, printed on the cover and linked from every row: `--site-url`, else
 * STP_SITE_URL, else the GitHub Pages address of the repository (GITHUB_REPOSITORY, set in Actions).
 * Pure: the environment is passed in.
 */
import { DossierInputError } from './select.ts';

export const NO_SITE = '(site public non configuré)';

type Env = Record<string, string | undefined>;

/** `owner/repo` → `https://owner.github.io/repo/`; a `owner.github.io` repository is served at the root. */
export function pagesUrl(repository: string): string {
  const [owner, repo] = repository.split('/');
  const host = `${owner!.toLowerCase()}.github.io`;
  return repo!.toLowerCase() === host ? `https://${host}/` : `https://${host}/${repo}/`;
}

export function publicSiteUrl(flag: string | undefined, env: Env): string | null {
  const given = flag ?? env.STP_SITE_URL;
  if (given !== undefined && given.trim() !== '') {
    let url: URL;
    try {
      url = new URL(given.trim());
    } catch {
      url = new URL('invalid:');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new DossierInputError(
        `Adresse du site public invalide : « ${given} ». Donnez une adresse complète, par exemple https://exemple.github.io/screen-ta-prefecture/ (--site-url ou STP_SITE_URL).`,
      );
    }
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  }
  const repository = repositoryOf(env);
  return repository ? pagesUrl(repository) : null;
}

/** `owner/repo` of the archive, for the attestation command printed in the annex. */
export function repositoryOf(env: Env): string | null {
  return env.GITHUB_REPOSITORY && /^[^/\s]+\/[^/\s]+$/.test(env.GITHUB_REPOSITORY) ? env.GITHUB_REPOSITORY : null;
}
