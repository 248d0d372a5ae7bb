import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { captureJobs, type JobResult } from '../scraper/capture/run.ts';
import { toDossierRecord } from '../scraper/dossier/entry.ts';
import { bannerLines, MASKED_NOTE } from '../scraper/evidence/banner.ts';
import { sha256Hex } from '../scraper/evidence/images.ts';
import { captchaImage } from '../scraper/replica/rdv/captcha.ts';
import { startReplica, type Replica } from '../scraper/replica/server.ts';
import { CAPTCHA_TARGET } from './fixtures/captcha-target.ts';
import { buildSite } from '../site/build-site.ts';
import { paths } from '../site/model/urls.ts';
import { siteOptions } from './fixtures/site-options.ts';
import { tempDir } from './helpers.ts';

process.env.STP_IP_ECHO_URL = 'off';

// Two sites whose captcha asks two different codes: their images differ, as two visits to the real one do.
let first: Replica;
let second: Replica;
before(async () => {
  [first, second] = await Promise.all([
    startReplica({ captchaCode: 'K7M2QX' }),
    startReplica({ captchaCode: 'W4PZ8N' }),
  ]);
});
after(() => Promise.all([first.close(), second.close()]));

async function captureOn(replica: Replica) {
  const archive = await tempDir();
  const summary = await captureJobs(
    CAPTCHA_TARGET.motifs.filter((m) => m.id !== 'versailles').map((motif) => ({ target: CAPTCHA_TARGET, motif })),
    { archive, replica: replica.origin, log: () => {}, sleep: async () => {} },
  );
  const byMotif = (id: string) => {
    const result = summary.results.find((r: JobResult) => r.job.motif.id === id);
    assert.ok(result?.captured, result && !result.captured ? result.reason : id);
    return result;
  };
  return { archive, captcha: byMotif('creteil'), noSlot: byMotif('charcot') };
}

describe('captcha walls', () => {
  it('give the same image bytes whatever the code, with « code de sécurité masqué » said in the record and the banner', async () => {
    assert.notEqual(captchaImage('K7M2QX'), captchaImage('W4PZ8N'), 'the two codes draw different images');

    const [a, b] = [await captureOn(first), await captureOn(second)];
    for (const { captcha } of [a, b]) {
      assert.equal(captcha.record.outcome, 'captcha');
      assert.ok(
        captcha.record.evidence.masked?.includes('img.BDC_CaptchaImage'),
        String(captcha.record.evidence.masked),
      );
      assert.ok(bannerLines(captcha.record).some((l) => l.value.includes(MASKED_NOTE)));
      // The dossier (its published index too) keeps what its banner needs to say so.
      assert.ok(bannerLines(toDossierRecord(captcha.record)).some((l) => l.value.includes(MASKED_NOTE)));
    }
    const png = (run: typeof a) => readFile(join(run.archive, run.captcha.files.image));
    const [pngA, pngB] = await Promise.all([png(a), png(b)]);
    assert.equal(sha256Hex(pngA), sha256Hex(pngB));
    assert.equal(a.captcha.record.sha256, b.captcha.record.sha256);

    // The capture page says it too, under the image and among the record's fields.
    const out = join(a.archive, '..', `${basename(a.archive)}-site`);
    await buildSite(siteOptions(a.archive, out));
    const page = await readFile(join(out, paths.capture(a.captcha.record.id)), 'utf8');
    assert.ok(page.includes('Masqué par l’outil avant la capture'));
    assert.ok(page.includes(MASKED_NOTE));
    await rm(out, { recursive: true, force: true });
  });

  it('leaves every other page untouched and says nothing of a mask', async () => {
    const { noSlot } = await captureOn(first);
    assert.equal(noSlot.record.outcome, 'no-slot');
    assert.equal(noSlot.record.evidence.masked, undefined);
    assert.ok(!bannerLines(noSlot.record).some((l) => l.value.includes(MASKED_NOTE)));
  });
});
