// Dates and times. The rota lives in Europe/Amsterdam wall-clock time, so times are shown (and typed in)
// in that zone, whatever the device's zone is.
import { locale } from './i18n';
import type { DateValue } from './api/types';

export const TIME_ZONE = 'Europe/Amsterdam';

function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale(), { timeZone: TIME_ZONE, ...options });
}

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return formatter({ weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(ms);
}

export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatter({ hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** The time of day now, to the second. */
export function formatClock(ms: number = Date.now()): string {
  return formatter({ hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ms);
}

export function formatDate(value: DateValue | undefined): string {
  if (!value?.year || !value.month || !value.day) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(value.year, value.month - 1, value.day));
}

/** `9:05` or `1:02:03` for a positive duration; `0:00` when it has passed. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

/** How far Amsterdam's wall clock is ahead of UTC at an instant, in ms. */
function zoneOffset(utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(utcMs);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** An instant as the value of an `<input type="datetime-local">` in Amsterdam time (`2026-11-23T12:05`). */
export function toLocalInput(iso: string | number): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  return new Date(ms + zoneOffset(ms)).toISOString().slice(0, 16);
}

/** The value of an `<input type="datetime-local">`, read as Amsterdam time, as an RFC 3339 instant. */
export function fromLocalInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  let utc = wall - zoneOffset(wall);
  utc = wall - zoneOffset(utc);
  return new Date(utc).toISOString().replace(/\.000Z$/, 'Z');
}
