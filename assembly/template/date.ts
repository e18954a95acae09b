// Go reference-time layouts ("2006-01-02T15:04:05Z07:00") and fixed-offset zones.
import { joinStrings } from "../util/strbuf";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Broken-down civil time. */
class Civil {
  year: i64 = 1970;
  month: i32 = 1;
  day: i32 = 1;
  hour: i32 = 0;
  min: i32 = 0;
  sec: i32 = 0;
  nanos: i32 = 0;
  wday: i32 = 4;
  yday: i32 = 1;
}

function floorDiv(a: i64, b: i64): i64 {
  const q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

function civil(nanos: i64, offset: i32): Civil {
  const c = new Civil();
  let secs = floorDiv(nanos, 1000000000);
  c.nanos = <i32>(nanos - secs * 1000000000);
  secs += offset;
  const days = floorDiv(secs, 86400);
  const rem = <i32>(secs - days * 86400);
  c.hour = rem / 3600;
  c.min = (rem % 3600) / 60;
  c.sec = rem % 60;
  c.wday = <i32>(((days % 7) + 11) % 7);
  // civil-from-days (proleptic Gregorian)
  const z = days + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  c.day = <i32>(doy - (153 * mp + 2) / 5 + 1);
  c.month = <i32>(mp < 10 ? mp + 3 : mp - 9);
  c.year = yoe + era * 400 + (c.month <= 2 ? 1 : 0);
  const leap = (c.year % 4 == 0 && c.year % 100 != 0) || c.year % 400 == 0;
  const cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
  c.yday = cum[c.month - 1] + c.day + (leap && c.month > 2 ? 1 : 0);
  return c;
}

function pad(v: i64, width: i32): string {
  const neg = v < 0;
  let s = (neg ? -v : v).toString();
  while (s.length < width) s = "0" + s;
  return neg ? "-" + s : s;
}

function zoneOffset(offset: i32, colon: bool, seconds: bool, short: bool): string {
  const sign = offset < 0 ? "-" : "+";
  const a = offset < 0 ? -offset : offset;
  let s = sign + pad(a / 3600, 2);
  if (short && (a % 3600) == 0) return s;
  s += (colon ? ":" : "") + pad((a % 3600) / 60, 2);
  if (seconds) s += (colon ? ":" : "") + pad(a % 60, 2);
  return s;
}

function has(l: string, i: i32, t: string): bool {
  return l.substr(i, t.length) == t;
}

/** Format nanoseconds since the epoch with a Go layout in a fixed zone. */
export function formatGo(layout: string, nanos: i64, offset: i32, zoneName: string): string {
  const c = civil(nanos, offset);
  const out = new Array<string>();
  let i = 0;
  const n = layout.length;
  while (i < n) {
    const ch = layout.charCodeAt(i);
    let tok = "";
    let val = "";
    if (has(layout, i, "January")) { tok = "January"; val = MONTHS[c.month - 1]; }
    else if (has(layout, i, "Jan")) { tok = "Jan"; val = MONTHS[c.month - 1].substring(0, 3); }
    else if (has(layout, i, "Monday")) { tok = "Monday"; val = DAYS[c.wday]; }
    else if (has(layout, i, "Mon")) { tok = "Mon"; val = DAYS[c.wday].substring(0, 3); }
    else if (has(layout, i, "MST")) { tok = "MST"; val = zoneName.length > 0 ? zoneName : zoneOffset(offset, false, false, false); }
    else if (has(layout, i, "2006")) { tok = "2006"; val = pad(c.year, 4); }
    else if (has(layout, i, "002")) { tok = "002"; val = pad(c.yday, 3); }
    else if (has(layout, i, "01")) { tok = "01"; val = pad(c.month, 2); }
    else if (has(layout, i, "02")) { tok = "02"; val = pad(c.day, 2); }
    else if (has(layout, i, "03")) { tok = "03"; val = pad(c.hour % 12 == 0 ? 12 : c.hour % 12, 2); }
    else if (has(layout, i, "04")) { tok = "04"; val = pad(c.min, 2); }
    else if (has(layout, i, "05")) { tok = "05"; val = pad(c.sec, 2); }
    else if (has(layout, i, "06")) { tok = "06"; val = pad(c.year % 100, 2); }
    else if (has(layout, i, "15")) { tok = "15"; val = pad(c.hour, 2); }
    else if (has(layout, i, "__2")) { tok = "__2"; val = c.yday.toString(); while (val.length < 3) val = " " + val; }
    else if (has(layout, i, "_2")) { tok = "_2"; val = (c.day < 10 ? " " : "") + c.day.toString(); }
    else if (ch == 49) { tok = "1"; val = c.month.toString(); }
    else if (ch == 50) { tok = "2"; val = c.day.toString(); }
    else if (ch == 51) { tok = "3"; val = (c.hour % 12 == 0 ? 12 : c.hour % 12).toString(); }
    else if (ch == 52) { tok = "4"; val = c.min.toString(); }
    else if (ch == 53) { tok = "5"; val = c.sec.toString(); }
    else if (has(layout, i, "PM")) { tok = "PM"; val = c.hour >= 12 ? "PM" : "AM"; }
    else if (has(layout, i, "pm")) { tok = "pm"; val = c.hour >= 12 ? "pm" : "am"; }
    else if (ch == 45 || ch == 90) {
      const z = ch == 90;
      const rest = layout.substring(i + 1);
      let colon = false, secs = false, short = false, len = 0;
      if (rest.startsWith("07:00:00")) { colon = true; secs = true; len = 9; }
      else if (rest.startsWith("070000")) { secs = true; len = 7; }
      else if (rest.startsWith("07:00")) { colon = true; len = 6; }
      else if (rest.startsWith("0700")) { len = 5; }
      else if (rest.startsWith("07")) { short = true; len = 3; }
      if (len > 0) {
        tok = layout.substring(i, i + len);
        val = z && offset == 0 ? "Z" : zoneOffset(offset, colon, secs, short);
        if (short && !z) val = zoneOffset(offset, false, false, false).substring(0, 3);
      }
    } else if ((ch == 46 || ch == 44) && (layout.charCodeAt(i + 1) == 48 || layout.charCodeAt(i + 1) == 57)) {
      const d = layout.charCodeAt(i + 1);
      let j = i + 1;
      while (j < n && layout.charCodeAt(j) == d) j++;
      const nx = layout.charCodeAt(j);
      if (!(nx >= 48 && nx <= 57)) {
        const digits = j - i - 1;
        let frac = pad(c.nanos, 9).substring(0, digits < 9 ? digits : 9);
        if (d == 57) {
          let e = frac.length;
          while (e > 0 && frac.charCodeAt(e - 1) == 48) e--;
          frac = frac.substring(0, e);
          tok = layout.substring(i, j);
          val = frac.length > 0 ? String.fromCharCode(ch) + frac : "";
        } else {
          tok = layout.substring(i, j);
          val = String.fromCharCode(ch) + frac;
        }
      }
    }
    if (tok.length == 0) {
      out.push(String.fromCharCode(ch));
      i++;
    } else {
      out.push(val);
      i += tok.length;
    }
  }
  return joinStrings(out, "");
}

/** Go time.Time.String() form: "2006-01-02 15:04:05.999999999 -0700 MST". */
export function goTimeString(nanos: i64, offset: i32, zoneName: string): string {
  return formatGo("2006-01-02 15:04:05.999999999 -0700 MST", nanos, offset, zoneName);
}

/** Zone lookup result. */
export class Zone {
  offset: i32 = 0;
  name: string = "UTC";
  known: bool = true;
}

function parseOffset(t: string): i32 {
  // [+-]H, [+-]HH, [+-]HHMM, [+-]HH:MM ; returns i32.MIN_VALUE when invalid
  if (t.length < 2) return i32.MIN_VALUE;
  const sign = t.charCodeAt(0) == 45 ? -1 : t.charCodeAt(0) == 43 ? 1 : 0;
  if (sign == 0) return i32.MIN_VALUE;
  const body = t.substring(1).replace(":", "");
  if (body.length == 0 || body.length > 4) return i32.MIN_VALUE;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c < 48 || c > 57) return i32.MIN_VALUE;
  }
  let h = 0, m = 0;
  if (body.length <= 2) h = I32.parseInt(body);
  else {
    h = I32.parseInt(body.substring(0, body.length - 2));
    m = I32.parseInt(body.substring(body.length - 2));
  }
  if (h > 14 || m > 59) return i32.MIN_VALUE;
  return sign * (h * 3600 + m * 60);
}

const IANA = [
  "Asia/Shanghai", "CST", "28800", "Asia/Chongqing", "CST", "28800", "Asia/Harbin", "CST", "28800",
  "PRC", "CST", "28800", "Asia/Hong_Kong", "HKT", "28800", "Asia/Taipei", "CST", "28800",
  "Asia/Singapore", "+08", "28800", "Asia/Manila", "PST", "28800", "Asia/Tokyo", "JST", "32400",
  "Asia/Seoul", "KST", "32400", "Asia/Kolkata", "IST", "19800", "Asia/Calcutta", "IST", "19800",
  "Asia/Dubai", "+04", "14400", "Asia/Jakarta", "WIB", "25200", "Asia/Bangkok", "+07", "25200",
  "Asia/Ho_Chi_Minh", "+07", "25200",
];

/** Resolve a zone name: UTC/GMT/Local, fixed offsets (+08:00, UTC+8) and a few DST-free IANA zones. Unknown → UTC. */
export function lookupZone(name: string): Zone {
  const z = new Zone();
  if (name == "" || name == "UTC" || name == "GMT" || name == "Z" || name == "Local" || name == "Etc/UTC" || name == "Etc/GMT") return z;
  for (let i = 0; i + 2 < IANA.length; i += 3) {
    if (IANA[i] == name) {
      z.name = IANA[i + 1];
      z.offset = I32.parseInt(IANA[i + 2]);
      return z;
    }
  }
  let t = name;
  if (t.startsWith("UTC") || t.startsWith("GMT")) t = t.substring(3);
  const off = parseOffset(t);
  if (off != i32.MIN_VALUE) {
    z.offset = off;
    z.name = "";
    return z;
  }
  z.known = false;
  return z;
}
