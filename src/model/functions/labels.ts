/** Kubernetes label-selector matching (matchLabels + matchExpressions), as the API server does it. */

type Sel = { matchLabels?: unknown; matchExpressions?: unknown } | Record<string, unknown>;

export function selectorMatches(selector: Sel | null | undefined, labels: Record<string, string>): boolean {
  if (!selector || typeof selector !== 'object') return false;
  const s = selector as Record<string, unknown>;
  const hasStructured = 'matchLabels' in s || 'matchExpressions' in s;
  // A plain map (Service .spec.selector) is matchLabels.
  const matchLabels = (hasStructured ? s['matchLabels'] : s) as Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(matchLabels ?? {})) if (labels[k] !== String(v)) return false;
  const exprs = hasStructured && Array.isArray(s['matchExpressions']) ? (s['matchExpressions'] as Record<string, unknown>[]) : [];
  for (const e of exprs) {
    const key = String(e['key'] ?? '');
    const values = Array.isArray(e['values']) ? (e['values'] as unknown[]).map(String) : [];
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (e['operator']) {
      case 'In': if (!has || !values.includes(labels[key]!)) return false; break;
      case 'NotIn': if (has && values.includes(labels[key]!)) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

/** An empty selector (`{}`) selects everything. */
export function isEmptySelector(selector: Sel | null | undefined): boolean {
  if (!selector || typeof selector !== 'object') return true;
  const s = selector as Record<string, unknown>;
  const ml = s['matchLabels'] as Record<string, unknown> | undefined;
  const me = s['matchExpressions'] as unknown[] | undefined;
  return Object.keys(ml ?? {}).length === 0 && (me ?? []).length === 0;
}
