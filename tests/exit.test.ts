/** One mapping from errors to exit codes for every command: 2 for bad usage or input, 1 for the rest. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exitCodeOf } from '../scraper/command-line/exit.ts';
import { HelpRequest, UsageError } from '../scraper/command-line/usage.ts';
import { PublishError } from '../scraper/ci/incoming.ts';
import { DossierInputError } from '../scraper/dossier/select.ts';
import { ExhibitError } from '../scraper/evidence/exhibit.ts';
import { TargetFileError } from '../scraper/target/load.ts';
import { BadArchiveError, SiteInputError } from '../site/build-site.ts';

function ended(error: unknown, unexpected?: string): { code: number; said: string } {
  const lines: unknown[] = [];
  const code = exitCodeOf(error, { say: (line) => lines.push(line), ...(unexpected ? { unexpected } : {}) });
  return { code, said: lines.map(String).join('\n') };
}

describe('exit codes', () => {
  it('ends with 2 and the message alone on bad usage or bad input, whatever the command', () => {
    const bad = [
      new UsageError('option inconnue'),
      new TargetFileError('paris.yaml', [{ path: 'motifs[0].url', message: 'manquant' }]),
      new PublishError('fichier inattendu'),
      new DossierInputError('période vide'),
      new SiteInputError('archive introuvable'),
    ];
    for (const error of bad) assert.deepEqual(ended(error), { code: 2, said: error.message }, error.name);
  });

  it('ends with 0 and the help on stdout when the help was asked for', () => {
    const told: string[] = [];
    const said: unknown[] = [];
    const code = exitCodeOf(new HelpRequest('Usage : npm run x'), {
      say: (line) => said.push(line),
      tell: (line) => told.push(line),
    });
    assert.deepEqual([code, told, said], [0, ['Usage : npm run x'], []]);
  });

  it('ends with 1 and the message on a known failure', () => {
    for (const error of [new ExhibitError('empreinte différente'), new BadArchiveError([])]) {
      assert.deepEqual(ended(error), { code: 1, said: error.message }, error.name);
    }
  });

  it('ends with 1 on anything unexpected, in plain words opened by what stopped', () => {
    assert.deepEqual(ended(new Error('disque plein')), { code: 1, said: 'Erreur : disque plein' });
    assert.deepEqual(ended(new Error('disque plein'), 'Site non construit'), {
      code: 1,
      said: 'Site non construit : disque plein',
    });
    assert.deepEqual(ended('texte'), { code: 1, said: 'Erreur : texte' });
  });
});
