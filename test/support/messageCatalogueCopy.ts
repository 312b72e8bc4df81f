/**
 * Edited copies of the shipped message catalogue (content/messages/) in temporary folders, as an admin
 * would make them for MESSAGES_DIR.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { supportedLocales } from '../../locale/locale';
import { defaultMessagesDir } from '../../messages/currentMessages';

/** The shipped text of one locale's file. */
export function shippedMessages(locale: string): string {
  return readFileSync(path.join(defaultMessagesDir, `${locale}.yaml`), 'utf8');
}

/** Replaces exactly one occurrence, so a test cannot pass because its edit silently missed. */
export function replaceOnce(source: string, from: string, to: string): string {
  expect(source.split(from).length - 1, `"${from}" occurs once`).to.equal(1);
  return source.replace(from, to);
}

/** Makes copies of the catalogue, each file edited by its function; `removeAll` deletes them. */
export class MessageCatalogueCopies {
  private readonly dirs: string[] = [];

  /** A folder holding the shipped files, edited by `edit` per locale. */
  make(edit: Partial<Record<string, (source: string) => string>>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'warmline-messages-'));
    this.dirs.push(dir);
    for (const locale of supportedLocales) writeFileSync(path.join(dir, `${locale}.yaml`), (edit[locale] ?? ((s) => s))(shippedMessages(locale)));
    return dir;
  }

  removeAll(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}
