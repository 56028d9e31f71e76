/**
 * Database connection strings, parsed for what controls need (host, port, sslmode) — the
 * password is never kept, only whether one is present.
 */
import type { DsnInfo } from '../../model/k8s.ts';

export const SHIPPED_DEFAULT_DSN =
  'postgres://mmuser:mostest@localhost/mattermost_test?sslmode=disable&connect_timeout=10&binary_parameters=yes';

export function parseDsn(raw: string, origin: string): DsnInfo {
  const value = raw.trim();
  const base: DsnInfo = {
    origin, scheme: '', host: '', port: '', database: '', sslmode: '', hasPassword: false,
    isShippedDefault: value === SHIPPED_DEFAULT_DSN, parseError: null,
  };
  // URL form: postgres://user:pass@host:port/db?sslmode=…  (also mysql://)
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    try {
      const u = new URL(value);
      const scheme = u.protocol.replace(/:$/, '').toLowerCase();
      const sslmode = u.searchParams.get('sslmode') ?? tlsParamToSslmode(u.searchParams.get('tls'));
      return {
        ...base, scheme, host: u.hostname, port: u.port, database: u.pathname.replace(/^\//, ''),
        sslmode: sslmode ?? '', hasPassword: u.password !== '',
      };
    } catch {
      return { ...base, parseError: 'not a valid URL' };
    }
  }
  // MySQL DSN: user:pass@tcp(host:port)/db?tls=true
  const my = /^([^:@]*)(?::([^@]*))?@(?:tcp|unix)\(([^)]*)\)\/([^?]*)(?:\?(.*))?$/.exec(value);
  if (my) {
    const [host = '', port = ''] = (my[3] ?? '').split(':');
    const params = new URLSearchParams(my[5] ?? '');
    return {
      ...base, scheme: 'mysql', host, port, database: my[4] ?? '',
      sslmode: tlsParamToSslmode(params.get('tls')) ?? '', hasPassword: (my[2] ?? '') !== '',
    };
  }
  // libpq keyword/value form: host=… port=… sslmode=…
  if (/\b(host|dbname|sslmode)\s*=/.test(value)) {
    const kv = new Map<string, string>();
    for (const m of value.matchAll(/(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|\S*)/g)) {
      kv.set(m[1] ?? '', (m[2] ?? '').replace(/^'|'$/g, ''));
    }
    return {
      ...base, scheme: 'postgres', host: kv.get('host') ?? '', port: kv.get('port') ?? '',
      database: kv.get('dbname') ?? '', sslmode: kv.get('sslmode') ?? '', hasPassword: (kv.get('password') ?? '') !== '',
    };
  }
  return { ...base, parseError: 'not a recognizable connection string' };
}

function tlsParamToSslmode(tls: string | null): string | null {
  if (tls === null) return null;
  if (tls === 'true') return 'verify-full';
  if (tls === 'skip-verify') return 'require';
  if (tls === 'preferred') return 'prefer';
  if (tls === 'false') return 'disable';
  return 'verify-full'; // a named custom TLS config verifies
}

/** Does this string look like a DSN worth parsing? */
export function looksLikeDsn(value: string): boolean {
  return /^(postgres(ql)?|mysql):\/\//i.test(value.trim()) || /@(tcp|unix)\(/.test(value) || /\bsslmode\s*=/.test(value);
}
