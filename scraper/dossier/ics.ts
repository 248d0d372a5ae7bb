/**
 * The suggested attempts as an iCalendar file (RFC 5545) that volunteers import into their calendar: one
 * event per suggested time, with the command to run in its description. Pure.
 */
import { sha256Hex } from '../evidence/images.ts';

export interface CalendarEvent {
  start: Date;
  minutes: number;
  summary: string;
  description: string;
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

// RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped in text values.
const text = (value: string) => value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

/** Lines are folded at 75 octets (§3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    if (Buffer.byteLength(current + char) > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function calendar(name: string, events: CalendarEvent[], now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Screen ta prefecture//tentatives//FR',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${text(name)}`,
    ...events.flatMap((e) => [
      'BEGIN:VEVENT',
      `UID:${sha256Hex(Buffer.from(`${e.start.toISOString()} ${e.summary}`)).slice(0, 32)}@screen-ta-prefecture`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART:${stamp(e.start)}`,
      `DURATION:PT${e.minutes}M`,
      `SUMMARY:${text(e.summary)}`,
      `DESCRIPTION:${text(e.description)}`,
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
