/** The person's journal: steps made outside the booking site, their files copied, hashed, timestamped, never published. */
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { collectIncoming, PublishError } from '../scraper/ci/incoming.ts';
import { sha256Hex } from '../scraper/evidence/images.ts';
import { parseAt } from '../scraper/journal/entry.ts';
import { readJournal } from '../scraper/journal/store.ts';
import { runJournal } from '../scraper/commands/journal.ts';
import { checkArchive } from '../scraper/commands/verify.ts';
import { runDossier } from '../scraper/commands/dossier.ts';
import { pdfTexts, squash } from './dossier-pdf.ts';
import { startAuthority } from '../scraper/replica/tsa.ts';
import { labelOf } from '../scraper/timestamp/authorities.ts';
import { replyChecker } from '../scraper/timestamp/reply-check.ts';
import { scratchFolders } from './helpers.ts';

const folder = scratchFolders();

describe('npm run journal', () => {
  it('copies and hashes the files of a step, timestamps its manifest, lists it; publish refuses it', async (t) => {
    const archive = await folder('stp-journal-');
    const mail = join(await folder('stp-mail-'), 'relance préfecture.eml');
    await writeFile(mail, 'Objet : demande de rendez-vous\n\nMadame, Monsieur, …\n');
    const authority = await startAuthority('Journal');
    t.after(() => authority.close());
    // In process, as `npm run journal` runs it (scraper/cli.ts), with the authority as STP_TSA_URLS.
    const before = process.env.STP_TSA_URLS;
    process.env.STP_TSA_URLS = authority.url;
    t.after(() => {
      process.env.STP_TSA_URLS = before;
    });
    const said = t.mock.method(console, 'log', () => undefined);
    const args = ['--archive', archive, '--add', 'courriel', '--at', '2026-11-03 14:30', '--file', mail];
    assert.equal(await runJournal([...args, '--note', 'Relance écrite']), 0);
    const added = said.mock.calls.map((c) => String(c.arguments[0])).join('\n');
    said.mock.restore();
    process.env.STP_TSA_URLS = before;
    const dir = join(archive, 'personnel/journal/2026-11-03T13-30-00Z-courriel');
    const copy = await readFile(join(dir, 'pieces/relance préfecture.eml'));
    assert.ok(copy.equals(await readFile(mail)));
    assert.match(added, new RegExp(`relance préfecture.eml : SHA-256 ${sha256Hex(copy)}`));
    const [manifest, reply, ...rest] = (await readdir(join(dir, 'manifests'))).sort();
    assert.equal(rest.length, 0);
    assert.equal(reply, `${manifest}.${labelOf(authority.url)}.tsr`);
    const lines = (await readFile(join(dir, 'manifests', manifest!), 'utf8')).trim().split('\n');
    assert.deepEqual(lines.map((l) => l.slice(66)).sort(), ['entree.json', 'pieces/relance préfecture.eml']);

    await assert.rejects(
      runJournal(['--archive', archive, '--add', 'appel', '--at', '2026-11-04 09:00', '--file', '/nulle/part']),
      (error: Error & { exitCode?: number }) => {
        assert.equal(error.exitCode, 2);
        assert.match(error.message, /--file \/nulle\/part : fichier introuvable.*Rien n’a été écrit/);
        return true;
      },
    );
    const { entries } = await readJournal(archive, await replyChecker([authority.rootsDir]));
    assert.equal(entries.length, 1, 'nothing half-written');
    assert.equal(entries[0]!.entry.note, 'Relance écrite');
    assert.deepEqual(entries[0]!.altered, []);
    assert.equal(entries[0]!.timestamps[0]?.authority, labelOf(authority.url));
    assert.ok(entries[0]!.timestamps[0]?.genTime, 'verified against the authority’s root');

    const log = t.mock.method(console, 'log', () => undefined);
    assert.equal(await runJournal(['--archive', archive, '--list']), 0);
    const listed = log.mock.calls.map((c) => String(c.arguments[0])).join('\n');
    log.mock.restore();
    assert.match(listed, /mardi 3 novembre 2026 à 14:30:00 \(UTC\+01:00\) : Courriel envoyé — Relance écrite/);
    assert.match(listed, /horodatage RFC 3161 : /);
    // The personal dossier says the entry's timestamp once it verifies against the authority's root.
    const pdf = join(await folder('stp-pdf-'), 'mon-dossier.pdf');
    assert.equal(
      await runDossier(['--personnel', '--archive', archive, '--out', pdf, '--tsa-roots', authority.rootsDir]),
      0,
    );
    assert.match(
      squash((await pdfTexts(pdf)).join(' ')),
      new RegExp(
        `Relance écrite Fichier : relance préfecture.eml SHA-256 ${sha256Hex(copy)} Horodatage RFC 3161 vérifié : ${labelOf(authority.url)}, `,
      ),
    );
    const options = { log: () => undefined, repair: false, strict: false, tsaRoots: [authority.rootsDir] };
    const sound = await checkArchive(archive, options);
    assert.equal(sound.problems, 0, sound.lines.join('\n'));
    assert.ok(
      sound.lines.some((l) =>
        l.startsWith(`Horodatages RFC 3161 de personnel/journal/2026-11-03T13-30-00Z-courriel/manifests/`),
      ),
      'npm run verify checks the entry’s timestamp',
    );
    // A changed copy is said, never shown as sound.
    await writeFile(join(dir, 'pieces/relance préfecture.eml'), 'autre chose');
    assert.deepEqual((await readJournal(archive)).entries[0]!.altered, ['pieces/relance préfecture.eml']);
    const changed = await checkArchive(archive, options);
    assert.equal(changed.problems, 1);
    assert.ok(changed.lines.some((l) => /modifié +personnel\/journal\/.*\/pieces\/relance préfecture\.eml/.test(l)));

    // Never published, not even with witness captures allowed.
    await assert.rejects(collectIncoming([archive], new Date(), { allowPersonal: true }), (error: Error) => {
      assert.ok(error instanceof PublishError);
      assert.match(error.message, /personnel\/journal\/2026-11-03T13-30-00Z-courriel\/.*journal personnel/);
      return true;
    });
  });

  it('reads --at as Paris time, or as an instant with its offset', () => {
    assert.equal(parseAt('2026-11-03 14:30'), '2026-11-03T13:30:00Z');
    assert.equal(parseAt('2026-07-03T14:30:05'), '2026-07-03T12:30:05Z');
    assert.equal(parseAt('2026-03-29 03:30'), '2026-03-29T01:30:00Z', 'the hour after the change to summer time');
    assert.equal(parseAt('2026-11-03T14:30:00Z'), '2026-11-03T14:30:00Z');
    assert.equal(parseAt('2026-02-30 10:00'), null);
    assert.equal(parseAt('hier'), null);
  });
});
