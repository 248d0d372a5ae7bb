/**
 * What makes a time-stamp token an authority's, beyond a valid signature (RFC 3161 §2.3 and §2.4.1, RFC 5816): the
 * signer's certificate is a time-stamping one (extended key usage `timeStamping`, alone and critical), the signed
 * attributes name that very certificate (ESS signing-certificate, v1 or v2), it was valid at the signed time, and its
 * chain, valid at that time, goes through what is expected of the authority of the reply's label (trust.ts).
 * Every failure is a French sentence about the reply.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Anchor, Trust } from './trust.ts';
import { commonName, hexOf, TST_INFO_OID, type Reply } from './token.ts';

const EXTENDED_KEY_USAGE = '2.5.29.37';
const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const PURPOSES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  [TIME_STAMPING]: 'timeStamping',
};
const ESS_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
const ESS_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const ORGANIZATION = '2.5.4.10';

const carriedOf = (reply: Reply) =>
  (reply.signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);

const organizationOf = (certificate: pkijs.Certificate) =>
  certificate.subject.typesAndValues
    .filter((tv) => tv.type === ORGANIZATION)
    .map((tv) => String(tv.value.valueBlock.value))
    .join(', ');

/** The signature over the signed attributes, and the certificate that made it; or why it fails. */
async function signerOf(reply: Reply): Promise<pkijs.Certificate | string> {
  const signed = reply.signedData;
  if (signed.signerInfos.length !== 1)
    return `${signed.signerInfos.length} signataires au lieu d'un seul (RFC 3161 §2.4.2)`;
  // Seen as plain signed data for this check: PKI.js would otherwise also hash the manifest against the imprint.
  signed.encapContentInfo.eContentType = '1.2.840.113549.1.7.1';
  try {
    const result = await signed.verify({ signer: 0, checkChain: false, extendedMode: true });
    if (result.signatureVerified && result.signerCertificate) return result.signerCertificate;
    return `signature invalide : ${result.message || 'refusée'}`;
  } catch (error) {
    return `signature invalide : ${(error as { message?: string }).message ?? String(error)}`;
  } finally {
    signed.encapContentInfo.eContentType = TST_INFO_OID;
  }
}

function extendedKeyUsageProblem(signer: pkijs.Certificate): string | null {
  const extensions = (signer.extensions ?? []).filter((e) => e.extnID === EXTENDED_KEY_USAGE);
  const purposes = extensions.flatMap((e) => (e.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? []);
  if (extensions.length === 1 && extensions[0]!.critical && purposes.length === 1 && purposes[0] === TIME_STAMPING)
    return null;
  const said = purposes.map((p) => PURPOSES[p] ?? p).join(', ') || 'aucun';
  return `le certificat signataire « ${commonName(signer.subject)} » n'est pas un certificat d'horodatage : usage étendu ${said}${extensions.length > 0 && !extensions.every((e) => e.critical) ? ' (non critique)' : ''}, au lieu de timeStamping seul et critique (RFC 3161 §2.3)`;
}

/** The ESS signing-certificate attribute must name the signer's certificate: its hash, and its serial if given. */
function signingCertificateProblem(reply: Reply, signer: pkijs.Certificate): string | null {
  const attributes = (reply.signedData.signerInfos[0]?.signedAttrs?.attributes ?? []).filter(
    (a) => a.type === ESS_SIGNING_CERTIFICATE || a.type === ESS_SIGNING_CERTIFICATE_V2,
  );
  const contentType = reply.signedData.signerInfos[0]?.signedAttrs?.attributes.find(
    (a) => a.type === '1.2.840.113549.1.9.3',
  );
  if ((contentType?.values[0] as asn1js.ObjectIdentifier | undefined)?.getValue?.() !== TST_INFO_OID)
    return "l'attribut signé content-type n'annonce pas un TSTInfo";
  if (attributes.length !== 1 || attributes[0]!.values.length !== 1)
    return 'attribut signé ESS signing-certificate (v1 ou v2) absent ou en double : rien ne lie la signature au certificat joint (RFC 3161 §2.4.1, RFC 5816)';
  const wrong = "l'attribut signé ESS signing-certificate ne désigne pas le certificat signataire";
  try {
    const v2 = attributes[0]!.type === ESS_SIGNING_CERTIFICATE_V2;
    const certs = (attributes[0]!.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    let fields = (certs.valueBlock.value[0] as asn1js.Sequence).valueBlock.value;
    let algorithm: string | undefined = v2 ? 'sha256' : 'sha1';
    if (v2 && fields[0] instanceof asn1js.Sequence) {
      algorithm = HASHES[(fields[0].valueBlock.value[0] as asn1js.ObjectIdentifier).getValue()];
      fields = fields.slice(1);
    }
    const der = Buffer.from(signer.toSchema().toBER());
    if (!algorithm || !(fields[0] instanceof asn1js.OctetString)) return wrong;
    if (hexOf(fields[0].valueBlock.valueHexView) !== createHash(algorithm).update(der).digest('hex')) return wrong;
    const serial = fields[1] instanceof asn1js.Sequence ? fields[1].valueBlock.value[1] : undefined;
    if (serial && !(serial instanceof asn1js.Integer && serial.isEqual(signer.serialNumber))) return wrong;
    return null;
  } catch {
    return `${wrong} (attribut illisible)`;
  }
}

/** Each carried certificate lies outside the signature: it must still be signed by another or by a known one. */
async function unsignedCertificatesProblem(reply: Reply, known: pkijs.Certificate[]): Promise<string | null> {
  const carried = carriedOf(reply);
  for (const certificate of carried) {
    const issuers = [...carried, ...known].filter((c) => c.subject.isEqual(certificate.issuer));
    const checks = await Promise.all(issuers.map((issuer) => certificate.verify(issuer).catch(() => false)));
    if (!checks.includes(true))
      return `certificat joint « ${commonName(certificate.subject)} » : signature invalide ou émetteur inconnu`;
  }
  return null;
}

/** The chain of the signer up to one of the anchor's roots, all valid at the signed time, through its pin; or why not. */
async function chainOf(reply: Reply, signer: pkijs.Certificate, anchor: Anchor): Promise<pkijs.Certificate[] | string> {
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: anchor.roots,
    // The leaf goes last: that is where the engine starts.
    certs: [...carriedOf(reply).filter((c) => c !== signer), ...anchor.intermediates, signer],
    checkDate: reply.genTime,
  });
  const result = await engine.verify().catch((error: { resultMessage?: string; message?: string }) => ({
    result: false,
    resultMessage: error.resultMessage ?? error.message ?? String(error),
    certificatePath: undefined,
  }));
  if (!result.result || !result.certificatePath)
    return `chaîne de certificats non reconnue pour ${anchor.name} à l'heure signée : ${result.resultMessage}`;
  if (!anchor.organization) return result.certificatePath;
  const [leaf, issuer] = result.certificatePath;
  const found = [leaf, issuer].map((c) => (c ? organizationOf(c) : ''));
  if (found.every((o) => o === anchor.organization)) return result.certificatePath;
  return `la chaîne ne passe pas par l'autorité d'horodatage ${anchor.name} : signataire « ${commonName(leaf!.subject)} » (O=${found[0] || '—'}), émetteur « ${issuer ? commonName(issuer.subject) : '—'} » (O=${found[1] || '—'}), attendus de l'organisation « ${anchor.organization} »`;
}

/**
 * Certificate sets already found to chain soundly to an anchor, with their path: an authority signs years of replies
 * with one certificate, so only the dates are checked again (a chain costs several signature checks).
 */
const soundChains = new WeakMap<Anchor, Map<string, pkijs.Certificate[]>>();

async function anchoredProblem(reply: Reply, signer: pkijs.Certificate, anchor: Anchor): Promise<string | null> {
  const key = createHash('sha256');
  // What a certificate signs and its signature: the whole certificate, without encoding it again.
  for (const certificate of carriedOf(reply))
    key.update(certificate.tbsView).update(certificate.signatureValue.valueBlock.valueHexView);
  const digest = key.digest('hex');
  const known = soundChains.get(anchor)?.get(digest);
  if (known?.every((c) => c.notBefore.value <= reply.genTime && reply.genTime <= c.notAfter.value)) return null;
  const path = await chainOf(reply, signer, anchor);
  if (typeof path === 'string') return path;
  const problem = await unsignedCertificatesProblem(reply, [...anchor.roots, ...anchor.intermediates]);
  if (!problem) soundChains.set(anchor, (soundChains.get(anchor) ?? new Map()).set(digest, path));
  return problem;
}

/**
 * Why the token is not one of the authority `label` names, or null. Without an anchor (a reply just received from
 * an authority whose root nobody gave), everything but the chain up to a root is checked when `anchored` is false.
 */
export async function tokenProblem(
  reply: Reply,
  label: string,
  trust: Trust,
  options: { anchored: boolean } = { anchored: true },
): Promise<string | null> {
  const anchor = trust.anchorOf(label);
  if (!anchor && options.anchored)
    return `autorité inconnue : aucune racine connue pour l'étiquette « ${label} » (ajoutez sa racine sous le nom ${label}.pem dans un dossier donné à --tsa-roots)`;
  // The signature first, so that a changed byte is called a bad signature, not an unknown chain.
  const signer = await signerOf(reply);
  if (typeof signer === 'string') return signer;
  const problem = extendedKeyUsageProblem(signer) ?? signingCertificateProblem(reply, signer);
  if (problem) return problem;
  const { notBefore, notAfter } = { notBefore: signer.notBefore.value, notAfter: signer.notAfter.value };
  if (reply.genTime < notBefore || reply.genTime > notAfter)
    return `heure signée ${reply.genTime.toISOString()} hors de la validité du certificat signataire « ${commonName(signer.subject)} » (du ${notBefore.toISOString()} au ${notAfter.toISOString()})`;
  return anchor ? anchoredProblem(reply, signer, anchor) : unsignedCertificatesProblem(reply, []);
}
