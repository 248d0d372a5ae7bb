/**
 * The exhibit's banner is laid out once (scraper/evidence/banner-layout.ts) and drawn three times: the stamped
 * exhibit (sharp, the installed DejaVu fonts), the dossier's page (PDF) and the site's download (canvas), the last
 * two with the fonts' widths as data. These are court exhibits: the three must break their lines at the same places.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { stampBanner } from '../site/browser/stamp.ts';
import { dossierBanner } from '../scraper/dossier/exhibit.ts';
import { bannerLines } from '../scraper/evidence/banner.ts';
import { dejavuMeasure, RANGES } from '../scraper/evidence/banner-fonts.ts';
import { BANNER_REFERENCE_WIDTH, type BannerLayout } from '../scraper/evidence/banner-layout.ts';
import { exhibitBanner } from '../scraper/evidence/exhibit.ts';
import { FONT_DIR, loadFontMetrics } from '../scraper/evidence/text-width.ts';
import type { DossierRecord } from '../scraper/dossier/entry.ts';

/** A label of `length` characters in the words of a real démarche, ending with a word too long for any line. */
function longLabel(length: number): string {
  const words =
    "Demande d'admission exceptionnelle au séjour au titre de la situation personnelle et familiale (CRE Charcot), plage « salarié 2 », ";
  return (words.repeat(Math.ceil(length / words.length)).slice(0, length - 60) + 'x'.repeat(60)).slice(0, length);
}

/** A URL of `length` characters: a booking path, then a query string without spaces. */
function longUrl(length: number): string {
  const start = 'https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/4083/creneau/?';
  let query = '';
  for (let i = 0; (start + query).length < length; i++) query += `critere${i}=valeur-${i.toString(36)}_x&`;
  return (start + query).slice(0, length);
}

function record(motifLabel: string, url: string): DossierRecord {
  return {
    id: 'paris/aes-vpf-charcot/2026-03-10T09-14-03Z',
    prefecture: 'paris',
    motif: 'aes-vpf-charcot',
    prefectureName: 'Préfecture de police de Paris',
    motifLabel,
    url,
    capturedAt: '2026-03-10T09:14:03.512Z',
    outcome: 'no-slot',
    assisted: false,
    sha256: 'ab'.repeat(32),
  };
}

const breaks = (layout: BannerLayout) => layout.rows;

describe('exhibit banner', () => {
  it('breaks lines at the same places on the exhibit, the dossier page and the site download (300-character labels, 500-character URLs)', () => {
    const label = longLabel(300);
    const url = longUrl(500);
    assert.equal(label.length, 300);
    assert.equal(url.length, 500);
    const captured = record(label, url);
    const lines = [...bannerLines(captured), { label, value: 'valeur courte' }];
    const exhibit = exhibitBanner(lines, BANNER_REFERENCE_WIDTH);
    assert.deepEqual(breaks(stampBanner(lines, BANNER_REFERENCE_WIDTH)), breaks(exhibit), 'site canvas ≠ exhibit');
    assert.deepEqual(
      breaks(dossierBanner(captured)),
      breaks(exhibitBanner(bannerLines(captured), BANNER_REFERENCE_WIDTH)),
      'dossier ≠ exhibit',
    );
    const row = (name: string) => exhibit.rows[bannerLines(captured).findIndex((l) => l.label === name)]!;
    assert.ok(
      row('Démarche').value.length >= 3,
      `a 300-character label takes several lines: ${row('Démarche').value.join(' / ')}`,
    );
    assert.ok(
      row('Adresse').value.length >= 4,
      `a 500-character URL takes several lines: ${row('Adresse').value.join(' / ')}`,
    );
    assert.equal(row('Adresse').value.join(''), url, 'a URL is cut, never changed');
    assert.ok(exhibit.rows.at(-1)!.label.length >= 3, 'a 300-character label in the label column wraps too');
    // a narrow page lays out the same way everywhere too
    assert.deepEqual(breaks(stampBanner(lines, 480)), breaks(exhibitBanner(lines, 480)));
  });

  it('has, as data, the very widths of the installed DejaVu fonts for every character it lists', () => {
    const files = {
      label: loadFontMetrics(join(FONT_DIR, 'DejaVuSans.ttf')),
      value: loadFontMetrics(join(FONT_DIR, 'DejaVuSans-Bold.ttf')),
    };
    const data = dejavuMeasure();
    let checked = 0;
    for (const [first, last] of RANGES) {
      for (let code = first; code <= last; code++) {
        const char = String.fromCodePoint(code);
        for (const column of ['label', 'value'] as const) {
          assert.equal(data[column](char, 22), files[column].width(char, 22), `U+${code.toString(16)} (${column})`);
        }
        checked++;
      }
    }
    assert.ok(checked > 1500, `${checked} characters`);
    // outside the listed characters, one em, as the exhibit counts a character its fonts lack
    assert.equal(data.value('\u{1F600}', 22), 22);
  });
});
