/**
 * Certificate metadata of a `kubernetes.io/tls` Secret, read with `node:crypto`'s X509Certificate
 * from the PEM text of `tls.crt`: the leaf (first block) gives subject, issuer, validity, DNS names
 * and fingerprint; the other blocks are only counted. Nothing of the private key is read, and an
 * error never quotes the input.
 */
import { X509Certificate } from 'node:crypto';
import type { TlsCertificate } from '../../model/k8s.ts';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

function isoOf(text: string): string {
  const t = Date.parse(text);
  return Number.isNaN(t) ? '' : new Date(t).toISOString();
}

/** One line per distinguished name (`CN=a, O=b`); Node gives one attribute per line. */
function dnLine(dn: string): string {
  return dn.split('\n').map((x) => x.trim()).filter((x) => x !== '').join(', ');
}

/** `DNS:a, DNS:b, IP Address:…` → DNS names (lower case). */
function dnsNamesOf(san: string | undefined): string[] {
  if (san === undefined) return [];
  return san.split(/,\s*/).filter((x) => x.startsWith('DNS:')).map((x) => x.slice(4).trim().toLowerCase());
}

/**
 * The leaf certificate's metadata, or why there is none. `empty` when `tls.crt` holds nothing
 * (a Secret cert-manager has not filled yet, or a placeholder in a manifest).
 */
export function parseTlsCertificate(pem: string): { certificate: TlsCertificate } | { empty: true } | { error: string } {
  if (pem.trim() === '') return { empty: true };
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) return { error: 'tls.crt holds no PEM certificate (no BEGIN/END CERTIFICATE block)' };
  let x: X509Certificate;
  try {
    x = new X509Certificate(blocks[0]!);
  } catch {
    return { error: 'tls.crt holds a PEM block that is not a valid X.509 certificate' };
  }
  const notBefore = isoOf(x.validFrom);
  const notAfter = isoOf(x.validTo);
  if (notBefore === '' || notAfter === '') return { error: 'tls.crt: the certificate has no readable validity period' };
  return {
    certificate: {
      subject: dnLine(x.subject), issuer: dnLine(x.issuer), notBefore, notAfter,
      dnsNames: dnsNamesOf(x.subjectAltName),
      selfSigned: x.issuer === x.subject && x.verify(x.publicKey),
      fingerprint256: x.fingerprint256, chainLength: blocks.length,
    },
  };
}
