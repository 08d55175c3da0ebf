/**
 * Instants as the vault and conversations store them: canonical UTC ISO-8601 strings
 * (`2026-03-08T07:00:00.000Z`, milliseconds optional). They sort correctly as text, which the
 * journal and message order rely on.
 */
const UTC_ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/**
 * Whether `value` is a canonical UTC ISO-8601 time that exists. The round trip through `Date`
 * refuses days and times that do not (30 February would otherwise roll into March, 24:00 into
 * the next day).
 */
export function isCanonicalUtcIso(value: unknown): value is string {
  if (typeof value !== 'string' || !UTC_ISO_RE.test(value)) return false;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return false;
  const canonical = new Date(time).toISOString();
  return canonical === value || canonical === value.replace('Z', '.000Z');
}
