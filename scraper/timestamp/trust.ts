/**
 * Which certificates each authority's replies must chain to, by label. A bundled authority is pinned to its bundled
 * root and its organization (authorities.ts); certificates a user adds under its label only serve as intermediates
 * (a cross-certificate its reply leaves out), never as another root. Any other authority is known only through a
 * root certificate the user gives as `<label>.pem`: a reply under a label nobody vouches for is never counted.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import * as pkijs from 'pkijs';
import { BUNDLED_AUTHORITIES, labelOf, TsaConfigError } from './authorities.ts';
import { arrayBufferOf } from './token.ts';

/** The bundled roots (PEM, one file per authority), documented in docs/verifier.md. */
export const BUNDLED_ROOTS = resolve(import.meta.dirname, 'roots');

export interface Anchor {
  /** `DigiCert`, or the label of an authority the user added. */
  name: string;
  roots: pkijs.Certificate[];
  /** Certificates that may complete a chain, never end it. */
  intermediates: pkijs.Certificate[];
  /** A bundled authority's organization (subject O): its signer and the signer's issuer must both carry it. */
  organization: string | null;
}

export interface Trust {
  anchorOf(label: string): Anchor | null;
}

/** Every certificate (PEM) of one file, parsed. */
async function certificatesOf(file: string): Promise<pkijs.Certificate[]> {
  const text = await readFile(file, 'utf8');
  const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g)];
  if (blocks.length === 0)
    throw new TsaConfigError(`${file} : aucun certificat PEM (-----BEGIN CERTIFICATE-----) dans ce fichier`);
  return blocks.map((block) => {
    try {
      return pkijs.Certificate.fromBER(arrayBufferOf(Buffer.from(block[1]!.replace(/\s+/g, ''), 'base64')));
    } catch {
      throw new TsaConfigError(`${file} : certificat PEM illisible`);
    }
  });
}

/** The bundled authorities, and those of `dirs` (folders of `<label>.pem` or `<label>.crt`). */
export async function loadTrust(dirs: string[]): Promise<Trust> {
  const anchors = new Map<string, Anchor>();
  for (const authority of BUNDLED_AUTHORITIES)
    anchors.set(labelOf(authority.url), {
      name: authority.name,
      roots: await certificatesOf(join(BUNDLED_ROOTS, authority.rootFile)),
      intermediates: [],
      organization: authority.organization,
    });
  for (const dir of dirs) {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => /\.(pem|crt)$/i.test(n)).sort();
    } catch {
      throw new TsaConfigError(`--tsa-roots : dossier introuvable ou illisible : ${dir}`);
    }
    for (const name of names) {
      const label = basename(name, extname(name));
      const certificates = await certificatesOf(join(dir, name));
      const known = anchors.get(label);
      if (known?.organization) known.intermediates.push(...certificates);
      else if (known) known.roots.push(...certificates);
      else anchors.set(label, { name: label, roots: certificates, intermediates: [], organization: null });
    }
  }
  return { anchorOf: (label) => anchors.get(label) ?? null };
}
