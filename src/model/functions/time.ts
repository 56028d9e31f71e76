/** Cron and Go-duration arithmetic used by backup controls. Pure functions, no clock. */

/** Parse a Go duration (`720h0m0s`, `90m`, `1h30m`) into hours; null when not a duration. */
export function goDurationHours(s: string): number | null {
  const t = s.trim();
  if (t === '' || t === '0') return t === '0' ? 0 : null;
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/gy;
  let hours = 0;
  let consumed = 0;
  for (let m = re.exec(t); m !== null; m = re.exec(t)) {
    const n = Number(m[1]);
    const unit = m[2];
    hours += unit === 'h' ? n : unit === 'm' ? n / 60 : unit === 's' ? n / 3600 : 0;
    consumed = re.lastIndex;
  }
  return consumed === t.length ? hours : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function field(spec: string, min: number, max: number, names?: string[]): Set<number> | null {
  const out = new Set<number>();
  for (const part of spec.toLowerCase().split(',')) {
    const [rangePart = '', stepPart] = part.split('/');
    const step = stepPart === undefined ? 1 : Number(stepPart);
    if (!Number.isInteger(step) || step < 1) return null;
    const val = (x: string): number => {
      const i = names ? names.indexOf(x) : -1;
      return i >= 0 ? i + (names === MONTHS ? 1 : 0) : Number(x);
    };
    let lo: number;
    let hi: number;
    if (rangePart === '*' || rangePart === '?') { lo = min; hi = max; }
    else if (rangePart.includes('-')) { const [a = '', b = ''] = rangePart.split('-'); lo = val(a); hi = val(b); }
    else { lo = val(rangePart); hi = stepPart === undefined ? lo : max; }
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < min || hi > max + (names === DAYS ? 1 : 0) || lo > hi) return null;
    for (let v = lo; v <= hi; v += step) out.add(names === DAYS && v === 7 ? 0 : v);
  }
  return out;
}

/**
 * The longest gap between two consecutive runs of a cron schedule, in hours, over a 35-day window
 * (long enough for monthly schedules). Supports 5-field cron, `@hourly|daily|weekly|monthly|yearly`,
 * and Velero's `@every <duration>`. null when the expression is not understood.
 */
const cronMemo = new Map<string, number | null>();

export function cronIntervalHours(expr: string): number | null {
  const hit = cronMemo.get(expr);
  if (hit !== undefined || cronMemo.has(expr)) return hit ?? null;
  const v = computeCronInterval(expr);
  cronMemo.set(expr, v);
  return v;
}

function computeCronInterval(expr: string): number | null {
  const e = expr.trim().replace(/^CRON_TZ=\S+\s+|^TZ=\S+\s+/, '');
  const macros: Record<string, string> = {
    '@hourly': '0 * * * *', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@weekly': '0 0 * * 0',
    '@monthly': '0 0 1 * *', '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *',
  };
  if (e.startsWith('@every ')) return goDurationHours(e.slice(7));
  const parts = (macros[e] ?? e).split(/\s+/);
  if (parts.length !== 5) return null;
  const [mi, h, dom, mon, dow] = parts as [string, string, string, string, string];
  const minutes = field(mi, 0, 59);
  const hours = field(h, 0, 23);
  const doms = field(dom, 1, 31);
  const months = field(mon, 1, 12, MONTHS);
  const dows = field(dow, 0, 6, DAYS);
  if (!minutes || !hours || !doms || !months || !dows) return null;
  const domStar = dom === '*' || dom === '?';
  const dowStar = dow === '*' || dow === '?';
  // Walk a fixed, non-leap reference period (UTC, starting Monday 2024-01-01) hour by hour.
  const start = Date.UTC(2024, 0, 1);
  const spanHours = 24 * 400;
  let last: number | null = null;
  let first: number | null = null;
  let maxGap = 0;
  for (let hh = 0; hh < spanHours; hh++) {
    const d = new Date(start + hh * 3600_000);
    if (!hours.has(d.getUTCHours()) || !months.has(d.getUTCMonth() + 1)) continue;
    const domOk = doms.has(d.getUTCDate());
    const dowOk = dows.has(d.getUTCDay());
    const dayOk = domStar && dowStar ? true : domStar ? dowOk : dowStar ? domOk : domOk || dowOk;
    if (!dayOk) continue;
    for (const m of [...minutes].sort((a, b) => a - b)) {
      const t = hh * 60 + m;
      if (last !== null) maxGap = Math.max(maxGap, t - last);
      else first = t;
      last = t;
    }
  }
  if (last === null || first === null) return null;
  if (last === first) return 24 * 365;
  return maxGap / 60;
}
