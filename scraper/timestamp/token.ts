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
export const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';
const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';

export interface Reply {
  signedData: pkijs.SignedData;
  tstInfo: pkijs.TSTInfo;
  genTime: Date;
  /** Hex of the hash the authority signed, and the algorithm OID. */
  imprint: { algorithm: string; hex: string };
  nonce: string | null;
  /** How far from genTime the authority says the true time may be, in ms (its resolution, one second, when unsaid). */
  accuracyMs: number;
  /** Common name (or whole subject) of the certificate that signed the token. */
  signer: string | null;
}

export const hexOf = (view: ArrayBuffer | Uint8Array) =>
  Buffer.from(view instanceof Uint8Array ? view : new Uint8Array(view)).toString('hex');

export const arrayBufferOf = (data: Buffer): ArrayBuffer =>
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
    accuracyMs: tstInfo.accuracy
      ? (tstInfo.accuracy.seconds ?? 0) * 1000 + (tstInfo.accuracy.millis ?? 0) + (tstInfo.accuracy.micros ?? 0) / 1000
      : 1000,
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
