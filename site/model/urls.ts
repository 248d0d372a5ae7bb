/**
 * The site's address scheme, in one place: paths relative to the site root, and relative links between
 * pages so that the site works under any prefix (`https://owner.github.io/repo/`) and from a local folder.
 * A capture page is `<capture id>.html`: the record id is the page's address.
 */
export const paths = {
  home: '',
  prefecture: (prefecture: string) => `${prefecture}/`,
  motif: (prefecture: string, motif: string) => `${prefecture}/${motif}/`,
  /** `month` is `YYYY-MM`, Paris time. */
  month: (prefecture: string, motif: string, month: string) => `${prefecture}/${motif}/${month}/`,
  capture: (id: string) => `${id}.html`,
  feed: (prefecture: string, motif: string) => `${prefecture}/${motif}/flux.xml`,
  data: 'donnees/',
  toCheck: 'a-verifier/',
  /** The national observatory (site/observatory/), written there by the site workflow. */
  observatory: 'france/',
  image: (sha256: string) => `img/${sha256}.png`,
  /** An RFC 3161 reply, at its archive path (`manifests/<name>.sha256.<authority>.tsr`). */
  timestampReply: (reply: string) => reply,
  thumbnail: (sha256: string) => `thumb/${sha256}.webp`,
  asset: (name: string) => `assets/${name}`,
  dataFile: (name: string) => `donnees/${name}`,
};

/** The file written for a page path: folders get their `index.html`. */
export function outputFile(path: string): string {
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}

/**
 * The shortest links from the page at `from` to other pages, all site paths. Made once per page: a capture
 * page has a dozen links, 100,000 pages a million.
 */
export function linksFrom(from: string): (to: string) => string {
  const dir = from.slice(0, from.lastIndexOf('/') + 1);
  const fromDirs = from.split('/').slice(0, -1);
  const top = fromDirs.length > 0 ? `${fromDirs[0]}/` : '';
  const up = '../'.repeat(fromDirs.length);
  return (to) => {
    if (dir !== '' && to.startsWith(dir) && to.indexOf('/', dir.length) === -1) return to.slice(dir.length) || './';
    if (!to.startsWith(top)) return up + to || './';
    const toParts = to.split('/');
    let shared = 0;
    while (shared < fromDirs.length && shared < toParts.length - 1 && fromDirs[shared] === toParts[shared]) shared++;
    return '../'.repeat(fromDirs.length - shared) + toParts.slice(shared).join('/') || './';
  };
}

/** A file of the archive branch on GitHub (the branch the capture workflows commit to). */
export function archiveBranchUrl(repository: string, archivePath: string): string {
  return `https://github.com/${repository}/blob/archive/${archivePath}`;
}

/** A folder of the archive branch on GitHub, e.g. a capture month `<prefecture>/<motif>/<YYYY>/<MM>`. */
export function archiveFolderUrl(repository: string, archiveDir: string): string {
  return `https://github.com/${repository}/tree/archive/${archiveDir}`;
}
