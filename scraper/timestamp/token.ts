/**
 * Reading an RFC 3161 reply (`TimeStampResp`, DER) with PKI.js: its status, the signed token and the
 * `TSTInfo` inside (imprint, time, nonce). Every failure is a sentence saying what is wrong with the reply.
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

export const SHA256_OID = '2.16.840.1.101.3.4.2.1';
/** id-ct-TSTInfo: the content type of a time-stamp token. */
const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';
const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';

export interface Reply {
  signedData: pkijs.SignedData;
  tstInfo: pkijs.TSTInfo;
  genTime: Date;
  /** Hex of the hash the authority signed, and the algorithm OID. */
  imprint: { algorithm: string; hex: string };
  nonce: string | null;
  /** Common name (or whole subject) of the certificate that signed the token. */
  signer: string | null;
}

export const hexOf = (view: ArrayBuffer | Uint8Array) =>
  Buffer.from(view instanceof Uint8Array ? view : new Uint8Array(view)).toString('hex');

const arrayBufferOf = (data: Buffer): ArrayBuffer =>
  data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;

export function commonName(name: pkijs.RelativeDistinguishedNames): string {
  const values = name.typesAndValues.map((tv) => ({ type: tv.type, value: String(tv.value.valueBlock.value) }));
  return values.find((v) => v.type === '2.5.4.3')?.value ?? values.map((v) => v.value).join(', ');
}

export function readReply(der: Buffer): Reply {
  let response: pkijs.TimeStampResp;
  try {
    response = pkijs.TimeStampResp.fromBER(arrayBufferOf(der));
  } catch (error) {
    throw new Error(`réponse illisible (pas une TimeStampResp DER : ${(error as Error).message})`);
  }
  const status = response.status.status;
  if (status !== 0 && status !== 1) {
    const text = response.status.statusStrings?.map((s) => s.valueBlock.value).join(' ; ') ?? '';
    throw new Error(`l'autorité a refusé l'horodatage (statut ${status}${text ? ` : ${text}` : ''})`);
  }
  if (!response.timeStampToken) throw new Error('réponse sans jeton d’horodatage');
  if (response.timeStampToken.contentType !== SIGNED_DATA_OID)
    throw new Error("le jeton n'est pas une structure signée CMS");
  const signedData = new pkijs.SignedData({ schema: response.timeStampToken.content });
  if (signedData.encapContentInfo.eContentType !== TST_INFO_OID || !signedData.encapContentInfo.eContent)
    throw new Error('le jeton ne contient pas de TSTInfo');
  const tstInfo = pkijs.TSTInfo.fromBER(signedData.encapContentInfo.eContent.getValue());
  const signerInfo = signedData.signerInfos[0];
  const sid = signerInfo?.sid;
  const certificates = (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const signerCert =
    sid instanceof pkijs.IssuerAndSerialNumber
      ? certificates.find((c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer))
      : undefined;
  return {
    signedData,
    tstInfo,
    genTime: tstInfo.genTime,
    imprint: {
      algorithm: tstInfo.messageImprint.hashAlgorithm.algorithmId,
      hex: hexOf(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView),
    },
    nonce: tstInfo.nonce ? hexOf(tstInfo.nonce.valueBlock.valueHexView) : null,
    signer: signerCert ? commonName(signerCert.subject) : null,
  };
}

/** A `TimeStampReq` for a SHA-256 digest, asking for the authority's certificate in the reply. */
export function buildRequest(digest: Buffer, nonce: Buffer): Buffer {
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID }),
      hashedMessage: new asn1js.OctetString({ valueHex: arrayBufferOf(digest) }),
    }),
    nonce: new asn1js.Integer({ valueHex: arrayBufferOf(nonce) }),
    certReq: true,
  });
  return Buffer.from(request.toSchema().toBER());
}

/**
 * The certificates a token carries lie outside its signature: each must still be signed by another of
 * them or by a trusted root, so that a changed byte there is caught too.
 */
async function unsignedCertificatesProblem(reply: Reply, roots: pkijs.Certificate[]): Promise<string | null> {
  const carried = (reply.signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  for (const certificate of carried) {
    const issuers = [...carried, ...roots].filter((c) => c.subject.isEqual(certificate.issuer));
    const checks = await Promise.all(issuers.map((issuer) => certificate.verify(issuer).catch(() => false)));
    if (!checks.includes(true))
      return `certificat joint « ${commonName(certificate.subject)} » : signature invalide ou émetteur inconnu`;
  }
  return null;
}

/**
 * Checks the token's signature, and its certificate chain up to one of `roots` at the token's own time
 * (an authority's certificate may expire long before a court reads the reply). The imprint is compared
 * apart, by the caller, so that a changed manifest and a changed reply are told apart.
 */
export async function verifySignature(reply: Reply, roots: Buffer[]): Promise<string | null> {
  const trustedCerts = roots.map((der) => pkijs.Certificate.fromBER(arrayBufferOf(der)));
  // Seen as plain signed data for this check: PKI.js would otherwise also hash the manifest against the imprint.
  const signed = reply.signedData;
  signed.encapContentInfo.eContentType = '1.2.840.113549.1.7.1';
  const run = (checkChain: boolean) =>
    signed.verify({ signer: 0, trustedCerts, checkChain, checkDate: reply.genTime, extendedMode: true }).then(
      (result) => (result.signatureVerified ? null : result.message || 'refusée'),
      (error: { message?: string }) => error.message ?? String(error),
    );
  try {
    // The signature first, so that a changed byte is called a bad signature, not an unknown chain.
    const signature = await run(false);
    if (signature) return `signature invalide : ${signature}`;
    const chain = await run(true);
    if (chain)
      return `chaîne de certificats non reconnue : ${chain} (ajoutez la racine de cette autorité avec --tsa-roots <dossier>)`;
    return await unsignedCertificatesProblem(reply, trustedCerts);
  } finally {
    signed.encapContentInfo.eContentType = TST_INFO_OID;
  }
}
