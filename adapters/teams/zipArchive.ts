/**
 * A small ZIP writer for the Teams app package: a handful of files, each deflated (or stored when
 * deflating does not make it smaller), with the CRC-32 and sizes the format needs, and no ZIP64
 * (an app package is a few kilobytes; anything near 4 GiB is refused). Written here because no ZIP
 * library is among the project's dependencies and Node's zlib does the compression and the CRC.
 */
import { crc32, deflateRawSync } from 'node:zlib';

/** One file to put in the archive. */
export interface ZipEntry {
  /** Path inside the archive, with `/` between folders (no leading `/`, no `..`). */
  readonly name: string;
  readonly data: Uint8Array;
}

/** Largest size (of a file or the archive) the format holds without ZIP64. */
const maxSize = 0xffff_fffe;
/** Compression methods. */
const stored = 0;
const deflated = 8;
/** General purpose flag bit 11: names are UTF-8. */
const utf8Names = 0x0800;
/** 00:00 on 1 January 1980, the earliest DOS date: a fixed time keeps the package byte-for-byte reproducible. */
const dosTime = 0;
const dosDate = (0 << 9) | (1 << 5) | 1;

/** Builds a ZIP archive of `entries`, in the given order. Throws a RangeError on an unusable name or size. */
export function zipArchive(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const seen = new Set<string>();
  let offset = 0;
  if (entries.length > 0xffff) throw new RangeError('a ZIP without ZIP64 holds at most 65535 files');
  for (const entry of entries) {
    checkName(entry.name, seen);
    if (entry.data.length > maxSize) throw new RangeError(`${entry.name} is too large for a ZIP without ZIP64`);
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const method = compressed.length < entry.data.length ? deflated : stored;
    const body = method === deflated ? compressed : Buffer.from(entry.data);
    const crc = crc32(entry.data);

    const fields: EntryFields = { method, crc, compressedSize: body.length, size: entry.data.length, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, fields);
    // extra field length: zero
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by: 2.0, MS-DOS attributes
    writeEntryFields(central, 6, fields);
    // extra, comment, disk number, internal and external attributes: all zero
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
    if (offset > maxSize) throw new RangeError('the archive is too large for a ZIP without ZIP64');
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** What the local header and the central directory both say about an entry. */
interface EntryFields {
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly nameLength: number;
}

/** Writes the run of fields the two headers share, from "version needed" to the name's length. */
function writeEntryFields(header: Buffer, at: number, f: EntryFields): void {
  header.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
  header.writeUInt16LE(utf8Names, at + 2);
  header.writeUInt16LE(f.method, at + 4);
  header.writeUInt16LE(dosTime, at + 6);
  header.writeUInt16LE(dosDate, at + 8);
  header.writeUInt32LE(f.crc, at + 10);
  header.writeUInt32LE(f.compressedSize, at + 14);
  header.writeUInt32LE(f.size, at + 18);
  header.writeUInt16LE(f.nameLength, at + 22);
}

function checkName(name: string, seen: Set<string>): void {
  if (!name || name.startsWith('/') || name.includes('\\') || name.split('/').some((part) => part === '..' || part === '')) {
    throw new RangeError(`"${name}" is not a usable path inside a ZIP archive`);
  }
  if (seen.has(name)) throw new RangeError(`"${name}" is in the archive twice`);
  if (Buffer.byteLength(name, 'utf8') > 0xffff) throw new RangeError(`"${name.slice(0, 40)}…" is too long a name`);
  seen.add(name);
}
